/**
 * The sample EventBridge events in tests/fixtures/events, and small edits of them, so that tests
 * run real-shaped events through the patterns and messages the program deploys.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { matchesEventPattern } from "../../lib/eventbridge/matcher";
import { EventPattern } from "../../lib/findingPatterns";

export const FIXTURE_EVENTS = [
  "guardduty-crypto-high",
  "guardduty-portprobe-low",
  "securityhub-control-high-new",
  "inspector2-critical-active",
  "cloudtrail-runinstances",
  "signin-root-console-login",
] as const;

export type FixtureEvent = (typeof FIXTURE_EVENTS)[number];

/** Loosely typed on purpose: tests reach deep into events to change one field. */
export type SampleEvent = Record<string, any>;

/** A fresh copy of any event file in tests/fixtures/events, safe to change. */
export function loadFixtureFile(name: string): SampleEvent {
  const file = join(__dirname, "..", "fixtures", "events", `${name}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as SampleEvent;
}

/** A fresh copy of a fixture event, safe to change. */
export function loadEvent(name: FixtureEvent): SampleEvent {
  return loadFixtureFile(name);
}

/** A fixture event with one change applied, e.g. a different severity or status. */
export function eventWith(name: FixtureEvent, change: (event: SampleEvent) => void): SampleEvent {
  const event = loadEvent(name);
  change(event);
  return event;
}

/** Whether a rule deployed with this pattern delivers the event; the pattern goes as JSON, as deployed. */
export function delivers(pattern: EventPattern, event: unknown): boolean {
  return matchesEventPattern(JSON.stringify(pattern), event);
}
