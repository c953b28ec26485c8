/**
 * Follows EventBridge rules to where their events end up, in a stack's resources: to a topic with
 * subscribers, directly or through another region's default bus. Links are found through
 * dependencies first (known even during preview), then through known ARNs and names.
 */
import { PolicyResource } from "@pulumi/policy";
import { matchesEventPattern } from "../lib/eventbridge/matcher";
import { Known, TYPES, UNKNOWN, dependenciesOfType, known, regionOf } from "./common";

/** A yes or no that may be unknown until deployment. */
export type Reach = boolean | typeof UNKNOWN;

const outputOf = (r: PolicyResource, key: string) =>
  known(() => r.props[key] as string | undefined);

function sameKnown(a: Known<string | undefined>, b: Known<string | undefined>): boolean {
  return typeof a === "string" && a === b;
}

/** True when `from` refers to `to`: it depends on it, or holds its known ARN in `field`. */
function refersTo(from: PolicyResource, field: string, to: PolicyResource): boolean {
  return from.dependencies.includes(to) || sameKnown(outputOf(from, field), outputOf(to, "arn"));
}

export class AlertPaths {
  private readonly rules: PolicyResource[];
  private readonly targets: PolicyResource[];
  private readonly topics: PolicyResource[];
  private readonly subscriptions: PolicyResource[];

  constructor(resources: readonly PolicyResource[]) {
    const ofType = (type: string) => resources.filter((r) => r.type === type);
    this.rules = ofType(TYPES.rule);
    this.targets = ofType(TYPES.target);
    this.topics = ofType(TYPES.topic);
    this.subscriptions = ofType(TYPES.subscription);
  }

  /** Topics that some EventBridge target delivers to. */
  targetedTopics(): PolicyResource[] {
    return this.topics.filter((topic) => this.targets.some((t) => refersTo(t, "arn", topic)));
  }

  /** The stack's targets of a rule. */
  targetsOf(rule: PolicyResource): PolicyResource[] {
    const ruleName = outputOf(rule, "name");
    return this.targets.filter(
      (t) =>
        dependenciesOfType(t, TYPES.rule).includes(rule) ||
        sameKnown(outputOf(t, "rule"), ruleName),
    );
  }

  isSubscribed(topic: PolicyResource): boolean {
    return this.subscriptions.some((s) => refersTo(s, "topic", topic));
  }

  /**
   * Whether an event delivered in `region` reaches a subscribed topic. `forwarded` stops a
   * second hop: the program forwards once, to the home region's bus.
   */
  reaches(event: Record<string, unknown>, region: string, forwarded = false): Reach {
    let result: Reach = false;
    for (const rule of this.rules) {
      if (regionOf(rule) !== region || !this.ruleMatches(rule, event)) continue;
      for (const target of this.targetsOf(rule)) {
        const reach = this.targetReaches(target, event, region, forwarded);
        if (reach === true) return true;
        if (reach === UNKNOWN) result = UNKNOWN;
      }
    }
    return result;
  }

  private ruleMatches(rule: PolicyResource, event: Record<string, unknown>): boolean {
    const pattern = outputOf(rule, "eventPattern");
    if (typeof pattern !== "string") return false;
    try {
      return matchesEventPattern(pattern, event);
    } catch {
      return false;
    }
  }

  private targetReaches(
    target: PolicyResource,
    event: Record<string, unknown>,
    region: string,
    forwarded: boolean,
  ): Reach {
    const topic = this.topics.find((t) => refersTo(target, "arn", t));
    if (topic !== undefined) return this.isSubscribed(topic);
    const arn = outputOf(target, "arn");
    if (arn === UNKNOWN) return UNKNOWN;
    // A topic of another stack: its subscriptions cannot be seen from here.
    if (/^arn:[\w-]+:sns:/.test(arn ?? "")) return UNKNOWN;
    const bus = /^arn:[\w-]+:events:([\w-]+):\d{12}:event-bus\/default$/.exec(arn ?? "");
    if (bus === null || forwarded || bus[1] === region) return false;
    return this.reaches(event, bus[1], true);
  }
}
