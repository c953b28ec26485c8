/**
 * The activity and spend sample events (CloudTrail, sign-in, alarm state changes) in
 * tests/fixtures/events, and how a deployed stack's rules route an event to the topic.
 */
import { matchesEventPattern } from "../../lib/eventbridge/matcher";
import { PlannedResource } from "../../tools/mockRuntime";
import { SampleEvent, loadFixtureFile } from "./events";

export const ACTIVITY_EVENTS = [
  "cloudtrail-runinstances",
  "cloudtrail-runinstances-eu-north-1",
  "cloudtrail-describeinstances",
  "signin-root-console-login",
  "signin-iam-user-console-login",
  "cloudtrail-root-createbucket",
  "cloudtrail-root-invoked-by-service",
  "cloudtrail-stoplogging",
  "cloudtrail-guardduty-deletedetector",
  "cloudtrail-securityhub-disable",
  "cloudtrail-iam-createaccesskey",
  "cloudtrail-iam-attach-admin",
  "cloudtrail-iam-attach-readonly",
  "cloudtrail-events-deleterule-own",
  "cloudtrail-events-putrule-other",
  "cloudtrail-kms-schedulekeydeletion",
  "cloudwatch-billing-alarm",
] as const;

export type ActivityEvent = (typeof ACTIVITY_EVENTS)[number];

export type { SampleEvent };

export function loadActivityEvent(name: ActivityEvent): SampleEvent {
  return loadFixtureFile(name);
}

/** The same event as if it had happened in another region. */
export function inRegion(event: SampleEvent, region: string): SampleEvent {
  return { ...event, region, detail: { ...event.detail, awsRegion: region } };
}

const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";

/**
 * The ids of the rules that send an event to the topic, following what a stack deploys: rules
 * of the event's region match it; a home-region target is the topic, any other target forwards
 * the event unchanged to the home bus, where the home region's rules match it again.
 */
export function rulesReachingTopic(
  resources: PlannedResource[],
  homeRegion: string,
  event: SampleEvent,
): string[] {
  const matching = (region: string) =>
    resources
      .filter((r) => r.type === RULE && r.region === region)
      .filter((rule) => matchesEventPattern(String(rule.inputs["eventPattern"]), event));
  const targetOf = (rule: PlannedResource) =>
    resources.find(
      (t) =>
        t.type === TARGET && t.region === rule.region && t.inputs["rule"] === rule.outputs["name"],
    );
  const reached = new Set<string>();
  const deliverHome = () => {
    for (const rule of matching(homeRegion)) {
      if (String(targetOf(rule)?.inputs["arn"]).includes(":sns:")) reached.add(String(rule.name));
    }
  };
  if (event.region === homeRegion) deliverHome();
  else if (
    matching(event.region).some((rule) =>
      String(targetOf(rule)?.inputs["arn"]).includes(":events:"),
    )
  ) {
    deliverHome();
  }
  return [...reached].sort();
}
