/**
 * Follows EventBridge rules to where their events end up, in a stack's resources: to a topic with
 * subscribers, to one nobody is subscribed to, or nowhere, directly or through another region's
 * default bus. Links are found through
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
   * Where an event delivered in `region` ends up: whether a subscribed topic hears it, and which
   * of the stack's topics it reaches that nobody is subscribed to. `forwarded` stops a second
   * hop: the program forwards once, to the home region's bus.
   */
  delivery(event: Record<string, unknown>, region: string, forwarded = false): Delivery {
    return summarize(this.endsInRegion(event, region, forwarded));
  }

  /**
   * Whether a rule sends a matching event on to an SNS topic (any, subscribed or not, of this
   * stack or another), directly or through another region's default bus.
   */
  leadsToTopic(rule: PolicyResource, event: Record<string, unknown>): Reach {
    const region = regionOf(rule);
    if (region === UNKNOWN) return UNKNOWN;
    const ends = this.endsOfRule(rule, event, region ?? "", false);
    if (ends.some((end) => end.kind === "topic" || end.kind === "external-topic")) return true;
    return ends.some((end) => end.kind === "unknown") ? UNKNOWN : false;
  }

  /** True when the rule's known pattern lets the event through. */
  ruleMatches(rule: PolicyResource, event: Record<string, unknown>): boolean {
    const pattern = outputOf(rule, "eventPattern");
    if (typeof pattern !== "string") return false;
    try {
      return matchesEventPattern(pattern, event);
    } catch {
      return false;
    }
  }

  private endsInRegion(
    event: Record<string, unknown>,
    region: string,
    forwarded: boolean,
  ): PathEnd[] {
    return this.rules
      .filter((rule) => regionOf(rule) === region && this.ruleMatches(rule, event))
      .flatMap((rule) => this.endsOfRule(rule, event, region, forwarded));
  }

  private endsOfRule(
    rule: PolicyResource,
    event: Record<string, unknown>,
    region: string,
    forwarded: boolean,
  ): PathEnd[] {
    return this.targetsOf(rule).flatMap((t) => this.endsOfTarget(t, event, region, forwarded));
  }

  private endsOfTarget(
    target: PolicyResource,
    event: Record<string, unknown>,
    region: string,
    forwarded: boolean,
  ): PathEnd[] {
    const topic = this.topics.find((t) => refersTo(target, "arn", t));
    if (topic !== undefined) {
      return [{ kind: "topic", topic, subscribed: this.isSubscribed(topic) }];
    }
    const arn = outputOf(target, "arn");
    if (arn === UNKNOWN) return [{ kind: "unknown" }];
    // A topic of another stack: its subscriptions cannot be seen from here.
    if (/^arn:[\w-]+:sns:/.test(arn ?? "")) return [{ kind: "external-topic" }];
    const bus = /^arn:[\w-]+:events:([\w-]+):\d{12}:event-bus\/default$/.exec(arn ?? "");
    if (bus === null || forwarded || bus[1] === region) return [];
    return this.endsInRegion(event, bus[1], true);
  }
}

/** Where one path of an event ends: a topic of the stack, one of another stack, or unknown. */
type PathEnd =
  | { readonly kind: "topic"; readonly topic: PolicyResource; readonly subscribed: boolean }
  | { readonly kind: "external-topic" }
  | { readonly kind: "unknown" };

export interface Delivery {
  /** True when a subscribed topic hears the event; UNKNOWN when one may, as far as preview knows. */
  readonly reach: Reach;
  /** The stack's topics the event reaches that have no subscription in the stack. */
  readonly silentTopics: readonly PolicyResource[];
}

function summarize(ends: readonly PathEnd[]): Delivery {
  const silentTopics = [
    ...new Set(ends.flatMap((end) => (end.kind === "topic" && !end.subscribed ? [end.topic] : []))),
  ];
  if (ends.some((end) => end.kind === "topic" && end.subscribed)) {
    return { reach: true, silentTopics };
  }
  const unsure = ends.some((end) => end.kind === "unknown" || end.kind === "external-topic");
  return { reach: unsure ? UNKNOWN : false, silentTopics };
}
