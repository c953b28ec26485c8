import * as aws from "@pulumi/aws";
import {
  alertKeyAdmitsEventBridge,
  eventBridgeMayPublish,
  guardDutySeverityIsNumeric,
  noRoleOnSnsTargets,
  topicsUseCustomerKey,
} from "../../policies/alertDelivery";
import { guardDutyFindingPattern, inspectorFindingPattern } from "../../lib/findingPatterns";
import { KEY_ARN, TOPIC_ARN, baselineStack, changed } from "./baselineStack";
import {
  UNKNOWN_VALUE,
  assertHasViolation,
  assertNoViolations,
  resourceArgs,
  stackArgs,
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
  const rule = (pattern: unknown) =>
    resourceArgs(
      aws.cloudwatch.EventRule,
      { region: "us-east-1", eventPattern: JSON.stringify(pattern) },
      "findings",
    );

  it("passes the program's GuardDuty pattern", async () => {
    await assertNoViolations(guardDutySeverityIsNumeric, rule(guardDutyFindingPattern("HIGH")));
  });

  it("passes patterns of other services, whose severity is a label", async () => {
    await assertNoViolations(guardDutySeverityIsNumeric, rule(inspectorFindingPattern("HIGH")));
  });

  it("rejects a GuardDuty pattern that lists severity values", async () => {
    const listed = { source: ["aws.guardduty"], detail: { severity: [7, 7.5, 8, 8.5] } };
    const expected = 'EventRule "findings" filters GuardDuty severity';
    await assertHasViolation(guardDutySeverityIsNumeric, rule(listed), expected);
  });

  it("skips a pattern that is unknown during preview", async () => {
    const args = resourceArgs(aws.cloudwatch.EventRule, { eventPattern: UNKNOWN_VALUE });
    await assertNoViolations(guardDutySeverityIsNumeric, args);
  });
});
