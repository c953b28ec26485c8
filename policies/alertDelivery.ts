/**
 * Alert delivery: the failures that drop alerts without an error anywhere. An SNS topic encrypted
 * with the AWS-managed key, a key or topic policy that does not admit EventBridge, a role on an
 * SNS target, or a GuardDuty filter on severity labels all make EventBridge discard the event.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-troubleshooting.html
 */
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { hasOnlyNumericGuardDutySeverity } from "../lib/findingPatterns";
import {
  allowsServiceActions,
  parsePolicyDocument,
  serviceDenials,
  statementName,
} from "../lib/policyGrants";
import {
  CRITICAL_GUARDDUTY_SEVERITIES,
  criticalGuardDutyFindingEvent,
  describeSeverities,
} from "../lib/stackCoverage";
import { AlertPaths } from "./alertPaths";
import {
  TYPES,
  TargetProps,
  TopicProps,
  UNKNOWN,
  dependenciesOfType,
  describe,
  known,
  parseJsonInput,
  regionOf,
  validateType,
} from "./common";

const EVENTBRIDGE = "events.amazonaws.com";

/** The account of the synthetic findings run through rules; patterns here do not filter on it. */
const ACCOUNT = "123456789012";

const isKnownArn = (a: unknown, b: unknown) => typeof a === "string" && a === b;

/** What EventBridge needs of the key of an encrypted topic. */
const KEY_ACTIONS = ["kms:GenerateDataKey", "kms:Decrypt"];

/** A known ARN, else undefined: a statement is then taken to cover the resource. */
const knownOrAny = (arn: unknown) => (typeof arn === "string" ? arn : undefined);

/** The AWS-managed SNS key, by alias name or alias ARN. */
export function isAwsManagedSnsKey(keyId: string): boolean {
  return /(^|:)alias\/aws\/sns$/.test(keyId);
}

export const topicsUseCustomerKey: ResourceValidationPolicy = {
  name: "sns-topic-customer-managed-key",
  description:
    "SNS topics are encrypted with a customer-managed KMS key. A topic encrypted with the " +
    "AWS-managed alias/aws/sns key never receives EventBridge events, whose service cannot use it.",
  enforcementLevel: "mandatory",
  validateResource: validateType<TopicProps>(TYPES.topic, (_props, args, report) => {
    const keyId = known(() => args.props["kmsMasterKeyId"] as string | undefined);
    if (keyId === UNKNOWN) return;
    if (keyId === undefined || keyId === "") {
      report(
        `${describe(args)} is not encrypted; set kmsMasterKeyId to a customer-managed KMS key ` +
          "whose policy lets the publishing services use it.",
      );
    } else if (isAwsManagedSnsKey(keyId)) {
      report(
        `${describe(args)} uses the AWS-managed key ${keyId}, so EventBridge cannot publish to it; ` +
          "set kmsMasterKeyId to a customer-managed key that allows events.amazonaws.com.",
      );
    }
  }),
};

/** The stack's KMS key that encrypts a topic: by dependency, else by a known ARN, id or alias. */
function keyOf(
  topic: PolicyResource,
  resources: readonly PolicyResource[],
): PolicyResource | undefined {
  const [byDependency] = dependenciesOfType(topic, TYPES.key);
  if (byDependency !== undefined) return byDependency;
  const keyId = known(() => topic.props["kmsMasterKeyId"] as string | undefined);
  if (typeof keyId !== "string") return undefined;
  return resources.find(
    (r) =>
      r.type === TYPES.key &&
      [known(() => r.props["arn"]), known(() => r.props["keyId"])].includes(keyId),
  );
}

export const alertKeyAdmitsEventBridge: StackValidationPolicy = {
  name: "alert-key-admits-eventbridge",
  description:
    "The KMS key of every SNS topic that EventBridge targets lets events.amazonaws.com call " +
    "kms:GenerateDataKey and kms:Decrypt, and denies it neither; else EventBridge drops every event.",
  enforcementLevel: "mandatory",
  url: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html",
  validateStack: (args, report) => {
    for (const topic of new AlertPaths(args.resources).targetedTopics()) {
      const key = keyOf(topic, args.resources);
      if (key === undefined) continue;
      const policy = known(() => key.props["policy"] as string | undefined);
      if (policy === UNKNOWN) continue;
      const doc = parsePolicyDocument(policy);
      if (doc === undefined || !allowsServiceActions(doc, EVENTBRIDGE, KEY_ACTIONS)) {
        report(
          `${describe(key)} encrypts ${describe(topic)}, which EventBridge targets, but its policy ` +
            `does not let ${EVENTBRIDGE} use it; add an Allow statement for that service principal ` +
            "with kms:GenerateDataKey* and kms:Decrypt.",
          key.urn,
        );
        continue;
      }
      const keyArn = known(() => key.props["arn"] as string | undefined);
      const denials = serviceDenials(doc, EVENTBRIDGE, KEY_ACTIONS, knownOrAny(keyArn));
      if (denials.length > 0) {
        report(
          `${describe(key)} encrypts ${describe(topic)}, which EventBridge targets, but its policy ` +
            `denies ${EVENTBRIDGE} what it needs in statement ` +
            `${denials.map((d) => statementName(doc, d)).join(", ")}; a Deny overrides every ` +
            "Allow, so narrow or remove it.",
          key.urn,
        );
      }
    }
  },
};

export const eventBridgeMayPublish: StackValidationPolicy = {
  name: "eventbridge-may-publish-to-topic",
  description:
    "Every SNS topic that EventBridge targets has a topic policy that lets events.amazonaws.com " +
    "call sns:Publish and no statement that denies it.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const topicPolicies = args.resources.filter((r) => r.type === TYPES.topicPolicy);
    for (const topic of new AlertPaths(args.resources).targetedTopics()) {
      const topicArn = known(() => topic.props["arn"] as string | undefined);
      const documents = [
        known(() => topic.props["policy"] as string | undefined),
        ...topicPolicies
          .filter(
            (p) =>
              p.dependencies.includes(topic) ||
              isKnownArn(
                known(() => p.props["arn"]),
                topicArn,
              ),
          )
          .map((p) => known(() => p.props["policy"] as string | undefined)),
      ];
      if (documents.includes(UNKNOWN)) continue;
      const docs = documents.flatMap((text) => parsePolicyDocument(text) ?? []);
      const allowed = docs.some((doc) => allowsServiceActions(doc, EVENTBRIDGE, ["sns:Publish"]));
      if (!allowed) {
        report(
          `${describe(topic)} is an EventBridge target but no topic policy lets ${EVENTBRIDGE} ` +
            "publish to it; add an aws.sns.TopicPolicy with an Allow statement for that service " +
            "principal and sns:Publish.",
          topic.urn,
        );
        continue;
      }
      const denials = docs.flatMap((doc) =>
        serviceDenials(doc, EVENTBRIDGE, ["sns:Publish"], knownOrAny(topicArn)).map((d) =>
          statementName(doc, d),
        ),
      );
      if (denials.length > 0) {
        report(
          `${describe(topic)} is an EventBridge target but its topic policy denies ${EVENTBRIDGE} ` +
            `sns:Publish in statement ${denials.join(", ")}; a Deny overrides every Allow, so ` +
            "narrow or remove it.",
          topic.urn,
        );
      }
    }
  },
};

export const noRoleOnSnsTargets: ResourceValidationPolicy = {
  name: "no-role-on-sns-targets",
  description:
    "EventBridge targets that are SNS topics carry no roleArn: the topic policy admits " +
    "EventBridge, and with a role delivery can fail, notably to KMS-encrypted topics.",
  enforcementLevel: "mandatory",
  url: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html",
  validateResource: validateType<TargetProps>(TYPES.target, (_props, args, report) => {
    const arn = known(() => args.props["arn"] as string | undefined);
    const roleArn = known(() => args.props["roleArn"] as string | undefined);
    if (typeof arn !== "string" || !/^arn:[\w-]+:sns:/.test(arn)) return;
    if (roleArn === UNKNOWN || roleArn === undefined || roleArn === "") return;
    report(
      `${describe(args)} sends to the SNS topic ${arn} with role ${roleArn}; remove roleArn and ` +
        "let the topic policy admit events.amazonaws.com.",
    );
  }),
};

/**
 * The critical severities a GuardDuty rule drops, when it delivers some of the band but not all:
 * a bound such as `[">", 9]` or `[">=", 9.5]`. Undefined when it delivers all or none of it (a
 * rule for lower bands only is a choice; whether some rule delivers the band is checked per region
 * by alerts-from-every-covered-region). Tested in the rule's own region.
 */
function droppedCriticalSeverities(
  paths: AlertPaths,
  rule: PolicyResource,
): { dropped: number[]; leadsToTopic: boolean } | undefined {
  const region = regionOf(rule);
  const events = CRITICAL_GUARDDUTY_SEVERITIES.map((severity) =>
    criticalGuardDutyFindingEvent(typeof region === "string" ? region : "", ACCOUNT, severity),
  );
  const matched = events.filter((event) => paths.ruleMatches(rule, event));
  if (matched.length === 0 || matched.length === events.length) return undefined;
  const dropped = CRITICAL_GUARDDUTY_SEVERITIES.filter((_, i) => !matched.includes(events[i]));
  return { dropped, leadsToTopic: paths.leadsToTopic(rule, matched[0]) === true };
}

export const guardDutySeverityIsNumeric: StackValidationPolicy = {
  name: "guardduty-severity-numeric",
  description:
    "EventBridge rules filter GuardDuty severity with numeric matching, and a rule that takes " +
    "GuardDuty findings to an SNS topic lets the whole CRITICAL band (9.0-10.0) through. " +
    "GuardDuty sends severity as a decimal number, so a list of values, a label or a bound such " +
    'as [">", 9] misses critical findings.',
  enforcementLevel: "mandatory",
  url: "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html",
  validateStack: (args, report) => {
    const paths = new AlertPaths(args.resources);
    for (const rule of args.resources.filter((r) => r.type === TYPES.rule)) {
      const pattern = parseJsonInput(known(() => rule.props["eventPattern"]));
      if (typeof pattern !== "object" || pattern === null) continue;
      const partial = droppedCriticalSeverities(paths, rule);
      const drops = partial?.leadsToTopic ? describeSeverities(partial.dropped) : undefined;
      if (!hasOnlyNumericGuardDutySeverity(pattern as Record<string, unknown>)) {
        report(
          `${describe(rule)} filters GuardDuty severity by listed values` +
            (drops ? `, so it drops critical findings of severity ${drops}` : "") +
            '; use numeric matching, e.g. "severity": [{ "numeric": [">=", 7] }] for HIGH and above.',
          rule.urn,
        );
      } else if (drops) {
        report(
          `${describe(rule)} takes GuardDuty findings to an SNS topic but drops critical ones of ` +
            `severity ${drops}; let all of 9.0-10.0 through, e.g. "severity": ` +
            '[{ "numeric": [">=", 9] }] for CRITICAL, [{ "numeric": [">=", 7] }] for HIGH and above.',
          rule.urn,
        );
      }
    }
  },
};

export const ALERT_DELIVERY_POLICIES = [
  topicsUseCustomerKey,
  alertKeyAdmitsEventBridge,
  eventBridgeMayPublish,
  noRoleOnSnsTargets,
  guardDutySeverityIsNumeric,
];
