import * as aws from "@pulumi/aws";
import { expect } from "chai";
import {
  alertKeyAdmitsEventBridge,
  eventBridgeMayPublish,
  guardDutySeverityIsNumeric,
  noRoleOnSnsTargets,
  topicsUseCustomerKey,
} from "../../policies/alertDelivery";
import { guardDutyFindingPattern, inspectorFindingPattern } from "../../lib/findingPatterns";
import { alertKeyPolicy, alertTopicPolicy } from "../../lib/policyDocuments";
import { ACCOUNT, KEY_ARN, TOPIC_ARN, baselineStack, changed, without } from "./baselineStack";
import {
  UNKNOWN_VALUE,
  assertHasViolation,
  assertNoViolations,
  resourceArgs,
  stackArgs,
  violationsOf,
} from "./helpers";

describe("policy sns-topic-customer-managed-key", () => {
  const topic = (props: aws.sns.TopicArgs) =>
    resourceArgs(aws.sns.Topic, { region: "us-east-1", ...props }, "alerts");

  it("passes a topic encrypted with a customer-managed key", async () => {
    await assertNoViolations(topicsUseCustomerKey, topic({ kmsMasterKeyId: KEY_ARN }));
  });

  it("rejects a topic encrypted with the AWS-managed key", async () => {
    await assertHasViolation(
      topicsUseCustomerKey,
      topic({ kmsMasterKeyId: "alias/aws/sns" }),
      'Topic "alerts" uses the AWS-managed key alias/aws/sns',
    );
  });

  it("rejects the AWS-managed key given by its alias ARN", async () => {
    const aliasArn = "arn:aws:kms:us-east-1:123456789012:alias/aws/sns";
    await assertHasViolation(
      topicsUseCustomerKey,
      topic({ kmsMasterKeyId: aliasArn }),
      "AWS-managed key",
    );
  });

  it("rejects an unencrypted topic", async () => {
    await assertHasViolation(topicsUseCustomerKey, topic({}), 'Topic "alerts" is not encrypted');
  });

  it("skips a key that is unknown during preview", async () => {
    await assertNoViolations(topicsUseCustomerKey, topic({ kmsMasterKeyId: UNKNOWN_VALUE }));
  });
});

describe("policy alert-key-admits-eventbridge", () => {
  it("passes the program's alert key policy", async () => {
    await assertNoViolations(alertKeyAdmitsEventBridge, stackArgs(baselineStack()));
  });

  it("rejects a key whose policy admits only the account", async () => {
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Admin",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: "kms:*",
        },
      ],
    });
    await assertHasViolation(
      alertKeyAdmitsEventBridge,
      stackArgs(changed(baselineStack(), "key", { policy })),
      'Key "key" encrypts Topic "topic", which EventBridge targets, but its policy does not let ' +
        "events.amazonaws.com use it",
    );
  });

  it("rejects a key left with the default policy", async () => {
    const stack = changed(baselineStack(), "key", { policy: undefined });
    await assertHasViolation(
      alertKeyAdmitsEventBridge,
      stackArgs(stack),
      "does not let events.amazonaws.com use it",
    );
  });

  /** The baseline key policy with one more statement. */
  const keyPolicyWith = (statement: Record<string, unknown>) => {
    const doc = alertKeyPolicy({
      partition: "aws",
      accountId: ACCOUNT,
      publisherServices: ["events.amazonaws.com"],
    });
    return JSON.stringify({ ...doc, Statement: [...doc.Statement, statement] });
  };

  it("rejects a key whose policy denies EventBridge kms:GenerateDataKey*", async () => {
    const policy = keyPolicyWith({
      Sid: "NoEventBridge",
      Effect: "Deny",
      Principal: { Service: "events.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
    });
    await assertHasViolation(
      alertKeyAdmitsEventBridge,
      stackArgs(changed(baselineStack(), "key", { policy })),
      'its policy denies events.amazonaws.com what it needs in statement "NoEventBridge"',
    );
  });

  it("rejects a key whose policy denies everyone kms:*", async () => {
    const policy = keyPolicyWith({ Effect: "Deny", Principal: "*", Action: "kms:*" });
    await assertHasViolation(
      alertKeyAdmitsEventBridge,
      stackArgs(changed(baselineStack(), "key", { policy })),
      "in statement #",
    );
  });

  it("passes a Deny with a condition it cannot evaluate, or for another principal", async () => {
    const conditional = keyPolicyWith({
      Sid: "OnlyOurAccount",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:SourceAccount": ACCOUNT } },
    });
    const other = keyPolicyWith({
      Sid: "NoLambda",
      Effect: "Deny",
      Principal: { Service: "lambda.amazonaws.com" },
      Action: "kms:*",
      Resource: "*",
    });
    for (const policy of [conditional, other]) {
      const stack = changed(baselineStack(), "key", { policy });
      await assertNoViolations(alertKeyAdmitsEventBridge, stackArgs(stack));
    }
  });

  it("skips a key policy that is unknown during preview", async () => {
    const stack = changed(baselineStack(), "key", { policy: UNKNOWN_VALUE });
    await assertNoViolations(alertKeyAdmitsEventBridge, stackArgs(stack));
  });
});

describe("policy eventbridge-may-publish-to-topic", () => {
  it("passes the program's topic policy", async () => {
    await assertNoViolations(eventBridgeMayPublish, stackArgs(baselineStack()));
  });

  it("rejects a targeted topic whose policy only denies insecure transport", async () => {
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Tls", Effect: "Deny", Principal: "*", Action: "sns:Publish", Resource: TOPIC_ARN },
      ],
    });
    await assertHasViolation(
      eventBridgeMayPublish,
      stackArgs(changed(baselineStack(), "topic-policy", { policy })),
      'Topic "topic" is an EventBridge target but no topic policy lets events.amazonaws.com publish',
    );
  });
});

describe("policy eventbridge-may-publish-to-topic, on Deny statements", () => {
  const topicPolicyWith = (statement: Record<string, unknown>) => {
    const doc = alertTopicPolicy({
      topicArn: TOPIC_ARN,
      accountId: ACCOUNT,
      publisherServices: ["events.amazonaws.com"],
    });
    return JSON.stringify({ ...doc, Statement: [...doc.Statement, statement] });
  };

  it("rejects a topic policy that denies EventBridge sns:Publish", async () => {
    const policy = topicPolicyWith({
      Sid: "NoEvents",
      Effect: "Deny",
      Principal: { Service: "events.amazonaws.com" },
      Action: "sns:Publish",
      Resource: TOPIC_ARN,
    });
    await assertHasViolation(
      eventBridgeMayPublish,
      stackArgs(changed(baselineStack(), "topic-policy", { policy })),
      'its topic policy denies events.amazonaws.com sns:Publish in statement "NoEvents"',
    );
  });

  it("rejects a Deny whose NotPrincipal leaves EventBridge out", async () => {
    const policy = topicPolicyWith({
      Sid: "OnlyCloudWatch",
      Effect: "Deny",
      NotPrincipal: { Service: "cloudwatch.amazonaws.com" },
      Action: "sns:*",
      Resource: "*",
    });
    await assertHasViolation(
      eventBridgeMayPublish,
      stackArgs(changed(baselineStack(), "topic-policy", { policy })),
      '"OnlyCloudWatch"',
    );
  });

  it("passes a Deny on another topic", async () => {
    const policy = topicPolicyWith({
      Sid: "NotThatOne",
      Effect: "Deny",
      Principal: "*",
      Action: "sns:Publish",
      Resource: `${TOPIC_ARN}-other`,
    });
    const stack = changed(baselineStack(), "topic-policy", { policy });
    await assertNoViolations(eventBridgeMayPublish, stackArgs(stack));
  });
});

describe("policy no-role-on-sns-targets", () => {
  const target = (props: Record<string, unknown>) =>
    resourceArgs(
      aws.cloudwatch.EventTarget,
      { region: "us-east-1", rule: "rule", arn: TOPIC_ARN, ...props },
      "to-topic",
    );

  it("passes an SNS target without a role", async () => {
    await assertNoViolations(noRoleOnSnsTargets, target({}));
  });

  it("passes a role on a target that forwards to another bus", async () => {
    const forward = target({
      arn: "arn:aws:events:us-east-1:123456789012:event-bus/default",
      roleArn: "arn:aws:iam::123456789012:role/forwarder",
    });
    await assertNoViolations(noRoleOnSnsTargets, forward);
  });

  it("rejects a role on an SNS target", async () => {
    await assertHasViolation(
      noRoleOnSnsTargets,
      target({ roleArn: "arn:aws:iam::123456789012:role/publisher" }),
      'EventTarget "to-topic" sends to the SNS topic',
    );
  });
});

describe("policy guardduty-severity-numeric", () => {
  const policy = guardDutySeverityIsNumeric;
  const guardDuty = (severity: unknown[]) =>
    JSON.stringify({ source: ["aws.guardduty"], detail: { severity } });
  /** The baseline with the home region's rule, which targets the topic, given this pattern. */
  const homeRule = (eventPattern: unknown) =>
    stackArgs(changed(baselineStack(), "rule-us-east-1", { eventPattern }));

  it("passes the program's GuardDuty pattern at every threshold", async () => {
    for (const threshold of ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const) {
      await assertNoViolations(
        policy,
        homeRule(JSON.stringify(guardDutyFindingPattern(threshold))),
      );
    }
  });

  it("passes patterns of other services, whose severity is a label", async () => {
    await assertNoViolations(policy, homeRule(JSON.stringify(inspectorFindingPattern("HIGH"))));
  });

  it("rejects a GuardDuty pattern that lists severity values", async () => {
    await assertHasViolation(
      policy,
      homeRule(guardDuty([7, 7.5, 8, 8.5])),
      'EventRule "rule-us-east-1" filters GuardDuty severity by listed values; use numeric matching',
    );
  });

  it("names the critical severities that listed values drop", async () => {
    await assertHasViolation(
      policy,
      homeRule(guardDuty([9, 10])),
      "filters GuardDuty severity by listed values, so it drops critical findings of severity 9.1-9.9",
    );
  });

  it('rejects a rule to the topic whose bound is [">=", 9.5], naming 9.0-9.4', async () => {
    await assertHasViolation(
      policy,
      homeRule(guardDuty([{ numeric: [">=", 9.5] }])),
      'EventRule "rule-us-east-1" takes GuardDuty findings to an SNS topic but drops critical ' +
        "ones of severity 9.0-9.4",
    );
  });

  it('rejects a rule to the topic whose bound is [">", 9], naming 9.0', async () => {
    const messages = await violationsOf(policy, homeRule(guardDuty([{ numeric: [">", 9] }])));
    expect(messages).to.have.length(1);
    expect(messages[0]).to.include("drops critical ones of severity 9.0;");
  });

  it("rejects an upper bound that drops the top of the band", async () => {
    await assertHasViolation(
      policy,
      homeRule(guardDuty([{ numeric: [">=", 7, "<", 10] }])),
      "drops critical ones of severity 10.0",
    );
  });

  it("rejects a forwarding rule that drops part of the band on the way to the home topic", async () => {
    const stack = changed(baselineStack(), "rule-eu-west-1", {
      eventPattern: guardDuty([{ numeric: [">=", 9.2] }]),
    });
    await assertHasViolation(
      policy,
      stackArgs(stack),
      'EventRule "rule-eu-west-1" takes GuardDuty findings to an SNS topic but drops critical ' +
        "ones of severity 9.0-9.1",
    );
  });

  it("passes a rule for the worst findings only whose target is not a topic", async () => {
    const lambda = "arn:aws:lambda:us-east-1:123456789012:function:isolate-instance";
    const stack = changed(
      changed(baselineStack(), "rule-us-east-1", {
        eventPattern: guardDuty([{ numeric: [">=", 9.5] }]),
      }),
      "target-us-east-1",
      { arn: lambda },
    );
    await assertNoViolations(policy, stackArgs(without(stack, "topic")));
  });

  it("leaves a rule for lower bands only to alerts-from-every-covered-region", async () => {
    await assertNoViolations(policy, homeRule(guardDuty([{ numeric: [">=", 4, "<", 7] }])));
  });

  it("skips a pattern that is unknown during preview", async () => {
    await assertNoViolations(policy, homeRule(UNKNOWN_VALUE));
  });
});
