/**
 * Follows EventBridge rules to where their events end up, in a stack's resources: to a topic with
 * subscribers, to one nobody is subscribed to, or nowhere, directly or through another region's or
 * account's bus. Links are found through dependencies first (known even during preview), then
 * through known ARNs and names. A hop that drops the event says why, so that a policy can name
 * the disabled rule or the role that may not forward.
 */
import { PolicyResource } from "@pulumi/policy";
import { matchesEventPattern } from "../lib/eventbridge/matcher";
import { ForwarderRoles } from "./forwarderRoles";
import {
  Known,
  TYPES,
  UNKNOWN,
  accountOf,
  dependenciesOfType,
  describe,
  known,
  regionOf,
} from "./common";

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

const DEFAULT_BUS = "default";

/** An event bus ARN's region, account and name; undefined for any other ARN. */
export function parseBusArn(
  arn: string | undefined,
): { region: string; account: string; name: string } | undefined {
  const match = /^arn:[\w-]+:events:([\w-]+):(\d{12}):event-bus\/(.+)$/.exec(arn ?? "");
  return match === null ? undefined : { region: match[1], account: match[2], name: match[3] };
}

/** The bus a rule is on: `default` unless eventBusName names (or is the ARN of) another. */
export function busOfRule(rule: PolicyResource): Known<string> {
  const name = outputOf(rule, "eventBusName");
  if (name === UNKNOWN) return UNKNOWN;
  if (name === undefined || name === "") return DEFAULT_BUS;
  return parseBusArn(name)?.name ?? name;
}

/**
 * Why a rule takes no events at all: it is disabled (`state: "DISABLED"`, or the older
 * `isEnabled: false`). Undefined when it is, or may be, enabled.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html
 */
export function disabledReason(rule: PolicyResource): string | undefined {
  const state = outputOf(rule, "state");
  if (state === "DISABLED") return `${describe(rule)} is disabled (state "DISABLED")`;
  if (known(() => rule.props["isEnabled"]) === false) {
    return `${describe(rule)} is disabled (isEnabled: false)`;
  }
  return undefined;
}

/** Where an event is delivered: a bus in a region, of an account when known. */
interface Place {
  readonly region: string;
  readonly account?: string;
  readonly bus: string;
}

export class AlertPaths {
  private readonly rules: PolicyResource[];
  private readonly targets: PolicyResource[];
  private readonly topics: PolicyResource[];
  private readonly subscriptions: PolicyResource[];
  private readonly roles: ForwarderRoles;

  constructor(resources: readonly PolicyResource[]) {
    const ofType = (type: string) => resources.filter((r) => r.type === type);
    this.rules = ofType(TYPES.rule);
    this.targets = ofType(TYPES.target);
    this.topics = ofType(TYPES.topic);
    this.subscriptions = ofType(TYPES.subscription);
    this.roles = new ForwarderRoles(resources);
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
   * Where an event an AWS service emits in `region` ends up: whether a subscribed topic hears it,
   * which of the stack's topics it reaches that nobody is subscribed to, and why paths that would
   * have carried it drop it. AWS services publish to the default bus only.
   */
  delivery(event: Record<string, unknown>, region: string): Delivery {
    return summarize(this.endsAt(event, { region, bus: DEFAULT_BUS }, false));
  }

  /**
   * Whether a rule sends a matching event on to an SNS topic (any, subscribed or not, of this
   * stack or another), directly or through another bus. A disabled rule sends nothing.
   */
  leadsToTopic(rule: PolicyResource, event: Record<string, unknown>): Reach {
    const region = regionOf(rule);
    if (region === UNKNOWN) return UNKNOWN;
    if (disabledReason(rule) !== undefined) return false;
    const ends = this.endsOfRule(rule, event, false);
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

  /**
   * The ends of the rules that match the event at a place. `forwarded` stops a second hop: a
   * forward goes to the bus where the alerting rules are, once.
   */
  private endsAt(event: Record<string, unknown>, place: Place, forwarded: boolean): PathEnd[] {
    const here = this.rules.filter(
      (rule) =>
        regionOf(rule) === place.region &&
        accountMayBe(rule, place.account) &&
        this.ruleMatches(rule, event),
    );
    return here.flatMap((rule): PathEnd[] => {
      const disabled = disabledReason(rule);
      if (disabled !== undefined) return [{ kind: "dropped", reason: disabled }];
      const bus = busOfRule(rule);
      if (bus === UNKNOWN) return [{ kind: "unknown" }];
      if (bus !== place.bus) {
        // Only a forward can reach a custom bus; a rule there hears no service directly.
        if (place.bus !== DEFAULT_BUS) return [];
        return [
          {
            kind: "dropped",
            reason:
              `${describe(rule)} is on the event bus "${bus}", where AWS services publish ` +
              "nothing (they publish to the default bus only)",
          },
        ];
      }
      return this.endsOfRule(rule, event, forwarded);
    });
  }

  private endsOfRule(
    rule: PolicyResource,
    event: Record<string, unknown>,
    forwarded: boolean,
  ): PathEnd[] {
    return this.targetsOf(rule).flatMap((t) => this.endsOfTarget(t, rule, event, forwarded));
  }

  private endsOfTarget(
    target: PolicyResource,
    rule: PolicyResource,
    event: Record<string, unknown>,
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
    const bus = parseBusArn(arn);
    const region = regionOf(rule);
    if (bus === undefined || forwarded || typeof region !== "string") return [];
    const account = accountOf(rule);
    const sameAccount = account === undefined || account === bus.account;
    if (bus.region === region && sameAccount && bus.name === busOfRule(rule)) return [];
    const refusal = this.roles.refusal(target, arn!, bus.region !== region);
    if (refusal !== undefined) return [{ kind: "dropped", reason: refusal }];
    const ends = this.endsAt(
      event,
      { region: bus.region, account: bus.account, bus: bus.name },
      true,
    );
    if (ends.length > 0) return ends;
    return [
      {
        kind: "dropped",
        reason:
          `${describe(target)} forwards to ${arn}, where no rule of this stack sends it on` +
          (sameAccount ? "" : ` (account ${bus.account}, not the rule's ${account})`),
      },
    ];
  }
}

/** True when the rule may be in the account: its account is unknown, or no account is asked. */
function accountMayBe(rule: PolicyResource, account: string | undefined): boolean {
  const own = accountOf(rule);
  return account === undefined || own === undefined || own === account;
}

/**
 * Where one path of an event ends: a topic of the stack, one of another stack, unknown, or
 * dropped on the way, with the reason.
 */
type PathEnd =
  | { readonly kind: "topic"; readonly topic: PolicyResource; readonly subscribed: boolean }
  | { readonly kind: "external-topic" }
  | { readonly kind: "unknown" }
  | { readonly kind: "dropped"; readonly reason: string };

export interface Delivery {
  /** True when a subscribed topic hears the event; UNKNOWN when one may, as far as preview knows. */
  readonly reach: Reach;
  /** The stack's topics the event reaches that have no subscription in the stack. */
  readonly silentTopics: readonly PolicyResource[];
  /** Why paths that match the event drop it: a disabled rule, a role that may not forward. */
  readonly dropped: readonly string[];
}

function summarize(ends: readonly PathEnd[]): Delivery {
  const silentTopics = [
    ...new Set(ends.flatMap((end) => (end.kind === "topic" && !end.subscribed ? [end.topic] : []))),
  ];
  const dropped = [...new Set(ends.flatMap((end) => (end.kind === "dropped" ? [end.reason] : [])))];
  if (ends.some((end) => end.kind === "topic" && end.subscribed)) {
    return { reach: true, silentTopics, dropped };
  }
  const unsure = ends.some((end) => end.kind === "unknown" || end.kind === "external-topic");
  return { reach: unsure ? UNKNOWN : false, silentTopics, dropped };
}
