/**
 * A small stack that passes every policy: two covered regions (us-east-1 home, eu-west-1), with
 * detection in both and alerts from both to a subscribed, encrypted topic, eu-west-1's through a
 * forwarder role that may put events on the home bus. Tests change one thing.
 */
import * as aws from "@pulumi/aws";
import { guardDutyFindingPattern } from "../../lib/findingPatterns";
import { alertKeyPolicy, alertTopicPolicy } from "../../lib/policyDocuments";
import { StackResourceSpec, stackResource } from "./helpers";

export const ACCOUNT = "123456789012";
export const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1111-2222`;
export const TOPIC_ARN = `arn:aws:sns:us-east-1:${ACCOUNT}:alerts-1a2b3c4`;
export const HOME_BUS_ARN = `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`;
export const FORWARDER_ARN = `arn:aws:iam::${ACCOUNT}:role/forwarder-0a1b2c3`;
const publishers = ["events.amazonaws.com"];

function detection(region: string): StackResourceSpec[] {
  return [
    stackResource(aws.guardduty.Detector, `detector-${region}`, { region, enable: true }),
    stackResource(aws.securityhub.Account, `hub-${region}`, {
      region,
      enableDefaultStandards: false,
    }),
    stackResource(aws.inspector2.Enabler, `inspector-${region}`, {
      region,
      accountIds: [ACCOUNT],
      resourceTypes: ["EC2"],
    }),
  ];
}

function guardDutyRule(region: string): StackResourceSpec {
  return stackResource(aws.cloudwatch.EventRule, `rule-${region}`, {
    region,
    name: `rule-${region}-5d6e7f8`,
    arn: `arn:aws:events:${region}:${ACCOUNT}:rule/rule-${region}-5d6e7f8`,
    eventPattern: JSON.stringify(guardDutyFindingPattern("HIGH")),
  });
}

/** A policy that lets its holder put events on these buses. */
export function putEventsPolicy(...busArns: string[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "ForwardToHomeBus", Effect: "Allow", Action: "events:PutEvents", Resource: busArns },
    ],
  });
}

export function baselineStack(): StackResourceSpec[] {
  return [
    ...detection("us-east-1"),
    ...detection("eu-west-1"),
    stackResource(aws.securityhub.FindingAggregator, "aggregator", {
      region: "us-east-1",
      linkingMode: "SPECIFIED_REGIONS",
      specifiedRegions: ["eu-west-1"],
    }),
    stackResource(aws.kms.Key, "key", {
      region: "us-east-1",
      arn: KEY_ARN,
      enableKeyRotation: true,
      policy: JSON.stringify(
        alertKeyPolicy({ partition: "aws", accountId: ACCOUNT, publisherServices: publishers }),
      ),
    }),
    stackResource(
      aws.sns.Topic,
      "topic",
      { region: "us-east-1", arn: TOPIC_ARN, kmsMasterKeyId: KEY_ARN },
      ["key"],
    ),
    stackResource(
      aws.sns.TopicPolicy,
      "topic-policy",
      {
        region: "us-east-1",
        arn: TOPIC_ARN,
        policy: JSON.stringify(
          alertTopicPolicy({
            topicArn: TOPIC_ARN,
            accountId: ACCOUNT,
            publisherServices: publishers,
          }),
        ),
      },
      ["topic"],
    ),
    stackResource(
      aws.sns.TopicSubscription,
      "email",
      {
        region: "us-east-1",
        topic: TOPIC_ARN,
        protocol: "email",
        endpoint: "security@example.com",
      },
      ["topic"],
    ),
    guardDutyRule("us-east-1"),
    stackResource(
      aws.cloudwatch.EventTarget,
      "target-us-east-1",
      {
        region: "us-east-1",
        rule: "rule-us-east-1-5d6e7f8",
        arn: TOPIC_ARN,
      },
      ["rule-us-east-1", "topic"],
    ),
    guardDutyRule("eu-west-1"),
    stackResource(aws.iam.Role, "forwarder", {
      name: "forwarder-0a1b2c3",
      arn: FORWARDER_ARN,
      assumeRolePolicy: "{}",
    }),
    stackResource(
      aws.iam.RolePolicy,
      "forwarder-policy",
      { role: "forwarder-0a1b2c3", policy: putEventsPolicy(HOME_BUS_ARN) },
      ["forwarder"],
    ),
    stackResource(
      aws.cloudwatch.EventTarget,
      "target-eu-west-1",
      {
        region: "eu-west-1",
        rule: "rule-eu-west-1-5d6e7f8",
        arn: HOME_BUS_ARN,
        roleArn: FORWARDER_ARN,
      },
      ["rule-eu-west-1", "forwarder"],
    ),
  ];
}

/** The stack without the named resources. */
export function without(
  specs: readonly StackResourceSpec[],
  ...names: string[]
): StackResourceSpec[] {
  const kept = specs.filter((s) => !names.includes(s.name));
  return kept.map((s) => ({ ...s, dependsOn: s.dependsOn.filter((d) => !names.includes(d)) }));
}

/** The stack with some props of one resource replaced (a value of undefined removes the prop). */
export function changed(
  specs: readonly StackResourceSpec[],
  name: string,
  props: Record<string, unknown>,
): StackResourceSpec[] {
  if (!specs.some((s) => s.name === name)) throw new Error(`no resource ${name} in the stack`);
  return specs.map((s) => {
    if (s.name !== name) return s;
    const merged: Record<string, unknown> = { ...s.props, ...props };
    for (const key of Object.keys(props)) if (props[key] === undefined) delete merged[key];
    return { ...s, props: merged };
  });
}

/** The stack with one more resource. */
export function plus(
  specs: readonly StackResourceSpec[],
  ...more: StackResourceSpec[]
): StackResourceSpec[] {
  return [...specs, ...more];
}
