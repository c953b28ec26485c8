import * as aws from "@pulumi/aws";
import { expect } from "chai";
import {
  alertsFromEveryCoveredRegion,
  detectionInEveryCoveredRegion,
  resourcesInCoveredRegions,
} from "../../policies/coverage";
import {
  ACCOUNT,
  HOME_BUS_ARN,
  TOPIC_ARN,
  baselineStack,
  changed,
  plus,
  putEventsPolicy,
  without,
} from "./baselineStack";
import {
  UNKNOWN_VALUE,
  assertHasViolation,
  assertNoViolations,
  stackArgs,
  stackResource,
  violationsOf,
} from "./helpers";

describe("policy detection-in-every-covered-region", () => {
  const policy = detectionInEveryCoveredRegion;

  it("passes a stack with detection in each region the aggregator links", async () => {
    await assertNoViolations(policy, stackArgs(baselineStack()));
  });

  it("names the region whose detector was removed", async () => {
    await assertHasViolation(
      policy,
      stackArgs(without(baselineStack(), "detector-eu-west-1")),
      "eu-west-1 is covered but has no enabled GuardDuty detector",
    );
  });

  it("does not count a disabled detector", async () => {
    const stack = changed(baselineStack(), "detector-us-east-1", { enable: false });
    await assertHasViolation(
      policy,
      stackArgs(stack),
      "us-east-1 is covered but has no enabled GuardDuty detector",
    );
  });

  it("reports a covered region without a Security Hub account", async () => {
    const stack = without(baselineStack(), "hub-eu-west-1");
    await assertHasViolation(policy, stackArgs(stack), "no Security Hub account");
  });

  it("reports a covered region without an Inspector enabler", async () => {
    const stack = without(baselineStack(), "inspector-eu-west-1");
    await assertHasViolation(policy, stackArgs(stack), "no Inspector enabler");
  });

  it("does not ask for Inspector where AWS does not offer it", async () => {
    const stack = plus(
      changed(baselineStack(), "aggregator", { specifiedRegions: ["eu-west-1", "ap-southeast-6"] }),
      stackResource(aws.guardduty.Detector, "detector-ap-southeast-6", {
        region: "ap-southeast-6",
        enable: true,
      }),
      stackResource(aws.securityhub.Account, "hub-ap-southeast-6", {
        region: "ap-southeast-6",
        enableDefaultStandards: false,
      }),
    );
    await assertNoViolations(policy, stackArgs(stack));
  });

  it("checks the regions set in pack config instead of the aggregator's", async () => {
    const config = { coveredRegions: ["us-east-1", "eu-west-1", "eu-north-1"] };
    const args = stackArgs(baselineStack(), config);
    const messages = await violationsOf(policy, args);
    expect(messages).to.have.length(3);
    expect(messages.every((m) => m.startsWith("eu-north-1 is covered"))).to.equal(true);
  });

  it("does not apply when no aggregator or config tells the covered regions", async () => {
    const stack = without(baselineStack(), "aggregator", "detector-eu-west-1");
    expect(await violationsOf(policy, stackArgs(stack))).to.deep.equal([]);
  });
});

describe("policy alerts-from-every-covered-region", () => {
  const policy = alertsFromEveryCoveredRegion;

  it("passes when the home rule targets a subscribed topic and the other region forwards to it", async () => {
    await assertNoViolations(policy, stackArgs(baselineStack()));
  });

  it("names the region whose rule has no target", async () => {
    await assertHasViolation(
      policy,
      stackArgs(without(baselineStack(), "target-eu-west-1")),
      "A critical GuardDuty finding in eu-west-1 reaches no subscribed SNS topic",
    );
  });

  it("says once, naming the topic, that nobody is subscribed to it", async () => {
    const messages = await violationsOf(policy, stackArgs(without(baselineStack(), "email")));
    expect(messages).to.have.length(1);
    expect(messages[0]).to.include(
      'Topic "topic" receives critical GuardDuty findings from every covered region but has no ' +
        "subscription in this stack",
    );
    expect(messages[0]).to.include("aws-threat-detection:alerts.emails");
    expect(messages[0]).not.to.include("add a rule");
  });

  it("tells a region without a path apart from the unsubscribed topic", async () => {
    const stack = without(baselineStack(), "email", "target-eu-west-1");
    const messages = await violationsOf(policy, stackArgs(stack));
    expect(messages).to.have.length(2);
    expect(messages[0]).to.include("A critical GuardDuty finding in eu-west-1 reaches no");
    expect(messages[1]).to.include(
      'Topic "topic" receives critical GuardDuty findings from us-east-1 ',
    );
  });

  it("names the critical severities a home rule's bound drops, in every region it serves", async () => {
    const eventPattern = JSON.stringify({
      source: ["aws.guardduty"],
      detail: { severity: [{ numeric: [">=", 9.5] }] },
    });
    const stack = changed(baselineStack(), "rule-us-east-1", { eventPattern });
    const messages = await violationsOf(policy, stackArgs(stack));
    expect(messages).to.have.length(2);
    for (const region of ["us-east-1", "eu-west-1"]) {
      await assertHasViolation(
        policy,
        stackArgs(stack),
        `Critical GuardDuty findings of severity 9.0-9.4 in ${region} reach no subscribed SNS topic`,
      );
    }
  });

  it("reports a region whose rules deliver no critical finding at all", async () => {
    const eventPattern = JSON.stringify({
      source: ["aws.guardduty"],
      detail: { severity: [{ numeric: [">=", 7, "<", 9] }] },
    });
    const stack = changed(baselineStack(), "rule-eu-west-1", { eventPattern });
    const messages = await violationsOf(policy, stackArgs(stack));
    expect(messages).to.deep.equal([
      "A critical GuardDuty finding in eu-west-1 reaches no subscribed SNS topic; add a rule in " +
        "eu-west-1 whose target is the alert topic, or the default bus of us-east-1 where a rule " +
        "sends it on, and subscribe someone to the topic.",
    ]);
  });

  it("passes when HIGH and CRITICAL reach the topic through two rules", async () => {
    const band = (numeric: unknown[]) =>
      JSON.stringify({ source: ["aws.guardduty"], detail: { severity: [{ numeric }] } });
    const stack = plus(
      changed(baselineStack(), "rule-us-east-1", { eventPattern: band([">=", 7, "<", 9]) }),
      stackResource(aws.cloudwatch.EventRule, "rule-top", {
        region: "us-east-1",
        name: "rule-top-9a8b7c6",
        eventPattern: band([">=", 9]),
      }),
      stackResource(
        aws.cloudwatch.EventTarget,
        "target-top",
        { region: "us-east-1", rule: "rule-top-9a8b7c6", arn: TOPIC_ARN },
        ["rule-top", "topic"],
      ),
    );
    await assertNoViolations(policy, stackArgs(stack));
  });

  it("reports a rule whose filter misses critical findings", async () => {
    const listed = JSON.stringify({ source: ["aws.guardduty"], detail: { severity: [7, 8] } });
    const stack = changed(baselineStack(), "rule-us-east-1", { eventPattern: listed });
    await assertHasViolation(
      policy,
      stackArgs(stack),
      "finding in us-east-1 reaches no subscribed SNS topic",
    );
  });

  it("reports a forward to a bus whose region sends nothing on", async () => {
    const otherBus = HOME_BUS_ARN.replace("us-east-1", "eu-central-1");
    const stack = changed(baselineStack(), "target-eu-west-1", { arn: otherBus });
    await assertHasViolation(
      policy,
      stackArgs(stack),
      "finding in eu-west-1 reaches no subscribed SNS topic",
    );
  });

  it("does not report a target whose ARN is unknown during preview", async () => {
    const stack = changed(baselineStack(), "target-eu-west-1", { arn: UNKNOWN_VALUE });
    await assertNoViolations(policy, stackArgs(stack));
  });
});

describe("policy alerts-from-every-covered-region, on rules that cannot carry findings", () => {
  const policy = alertsFromEveryCoveredRegion;

  it("passes a rule whose state is ENABLED", async () => {
    const stack = changed(baselineStack(), "rule-eu-west-1", { state: "ENABLED" });
    await assertNoViolations(policy, stackArgs(stack));
  });

  it('names a rule with state "DISABLED" as the reason a region has no route', async () => {
    const stack = changed(baselineStack(), "rule-eu-west-1", { state: "DISABLED" });
    await assertHasViolation(
      policy,
      stackArgs(stack),
      "A critical GuardDuty finding in eu-west-1 reaches no subscribed SNS topic: " +
        'EventRule "rule-eu-west-1" is disabled (state "DISABLED")',
    );
  });

  it("names a rule with isEnabled: false, even one a forward passes through", async () => {
    const stack = changed(baselineStack(), "rule-us-east-1", { isEnabled: false });
    const messages = await violationsOf(policy, stackArgs(stack));
    expect(messages).to.have.length(2);
    for (const message of messages) {
      expect(message).to.include('EventRule "rule-us-east-1" is disabled (isEnabled: false)');
    }
  });

  it("passes a rule that names the default bus", async () => {
    const stack = changed(baselineStack(), "rule-eu-west-1", { eventBusName: "default" });
    await assertNoViolations(policy, stackArgs(stack));
  });

  it("does not count a rule on a custom bus, where AWS services publish nothing", async () => {
    const stack = changed(baselineStack(), "rule-eu-west-1", { eventBusName: "security" });
    await assertHasViolation(
      policy,
      stackArgs(stack),
      'EventRule "rule-eu-west-1" is on the event bus "security", where AWS services publish nothing',
    );
  });
});

describe("policy alerts-from-every-covered-region, on forwarding", () => {
  const policy = alertsFromEveryCoveredRegion;
  const otherAccountBus = HOME_BUS_ARN.replace(ACCOUNT, "999999999999");

  it("passes a forwarder whose role may put events on every bus, by wildcard", async () => {
    const policyText = putEventsPolicy("arn:aws:events:*:*:event-bus/*");
    const stack = changed(baselineStack(), "forwarder-policy", { policy: policyText });
    await assertNoViolations(policy, stackArgs(stack));
  });

  it("names the role that may put events only on another region's bus", async () => {
    const policyText = putEventsPolicy(HOME_BUS_ARN.replace("us-east-1", "us-west-2"));
    const stack = changed(baselineStack(), "forwarder-policy", { policy: policyText });
    await assertHasViolation(
      policy,
      stackArgs(stack),
      `Role "forwarder", the role of EventTarget "target-eu-west-1", does not allow ` +
        `events:PutEvents on ${HOME_BUS_ARN}`,
    );
  });

  it("rejects a role that may put events only on another account's bus", async () => {
    const stack = changed(baselineStack(), "forwarder-policy", {
      policy: putEventsPolicy(otherAccountBus),
    });
    await assertHasViolation(policy, stackArgs(stack), "does not allow events:PutEvents");
  });

  it("rejects a role whose policy denies events:PutEvents", async () => {
    const denied = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        ...JSON.parse(putEventsPolicy(HOME_BUS_ARN)).Statement,
        { Sid: "NoEvents", Effect: "Deny", Action: "events:*", Resource: "*" },
      ],
    });
    const stack = changed(baselineStack(), "forwarder-policy", { policy: denied });
    await assertHasViolation(policy, stackArgs(stack), "denies events:PutEvents");
  });

  it("trusts a role with a policy attached from outside the stack", async () => {
    const stack = plus(
      without(baselineStack(), "forwarder-policy"),
      stackResource(
        aws.iam.RolePolicyAttachment,
        "forwarder-managed",
        { role: "forwarder-0a1b2c3", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
        ["forwarder"],
      ),
    );
    await assertNoViolations(policy, stackArgs(stack));
  });

  it("rejects a forward to another region without a role", async () => {
    const stack = changed(baselineStack(), "target-eu-west-1", { roleArn: undefined });
    await assertHasViolation(policy, stackArgs(stack), "without a roleArn");
  });

  it("rejects a forward to another account's default bus, which no rule here reads", async () => {
    const stack = changed(
      changed(baselineStack(), "target-eu-west-1", { arn: otherAccountBus }),
      "forwarder-policy",
      { policy: putEventsPolicy(otherAccountBus) },
    );
    await assertHasViolation(
      policy,
      stackArgs(stack),
      `EventTarget "target-eu-west-1" forwards to ${otherAccountBus}, where no rule of this ` +
        `stack sends it on (account 999999999999, not the rule's ${ACCOUNT})`,
    );
  });

  it("follows a forward to another account whose rules are in the stack", async () => {
    const homeInOtherAccount = (arn: string) => arn.replace(ACCOUNT, "999999999999");
    const stack = changed(
      changed(
        changed(baselineStack(), "target-eu-west-1", { arn: otherAccountBus }),
        "forwarder-policy",
        { policy: putEventsPolicy(otherAccountBus) },
      ),
      "rule-us-east-1",
      {
        arn: homeInOtherAccount(`arn:aws:events:us-east-1:${ACCOUNT}:rule/rule-us-east-1-5d6e7f8`),
      },
    );
    await assertNoViolations(policy, stackArgs(stack));
  });
});

describe("policy resources-in-covered-regions", () => {
  const policy = resourcesInCoveredRegions;
  const queue = (region: string) => stackResource(aws.sqs.Queue, `queue-${region}`, { region });

  it("passes a stack that stays in its covered regions", async () => {
    await assertNoViolations(policy, stackArgs(baselineStack()));
  });

  it("reports a resource in a region the stack does not cover", async () => {
    const stray = stackResource(aws.guardduty.Detector, "stray", { region: "sa-east-1" });
    const stack = plus(baselineStack(), stray);
    const expected = 'Detector "stray" is in sa-east-1, which the stack does not cover';
    await assertHasViolation(policy, stackArgs(stack), expected);
  });

  it("reports a region left out of coverage once, counting its resources by type", async () => {
    const stack = changed(baselineStack(), "aggregator", { specifiedRegions: [] });
    const messages = await violationsOf(policy, stackArgs(stack));
    expect(messages).to.deep.equal([
      "5 resources (1 Account, 1 Detector, 1 Enabler, 1 EventRule, 1 EventTarget) are in " +
        "eu-west-1, which the stack does not cover; move them to a covered region, or cover " +
        "eu-west-1: link it to the Security Hub finding aggregator and deploy detection there.",
    ]);
  });

  it("names at most six types of the resources in a region it does not cover", async () => {
    const region = "sa-east-1";
    const strays = [
      stackResource(aws.sqs.Queue, "q", { region }),
      stackResource(aws.sns.Topic, "t", { region }),
      stackResource(aws.kms.Key, "k", { region }),
      stackResource(aws.cfg.Recorder, "r", { region, roleArn: "arn:aws:iam::1:role/c" }),
      stackResource(aws.guardduty.Detector, "d1", { region }),
      stackResource(aws.guardduty.Detector, "d2", { region }),
      stackResource(aws.securityhub.Account, "h", { region }),
      stackResource(aws.inspector2.Enabler, "e", { region, accountIds: [], resourceTypes: [] }),
    ];
    const messages = await violationsOf(policy, stackArgs(plus(baselineStack(), ...strays)));
    expect(messages).to.have.length(1);
    expect(messages[0]).to.match(/^8 resources \(2 Detector, (1 \w+, ){5}and 1 other type\) are/);
  });

  it("allows the rules and queues for global events in us-east-1 when home is elsewhere", async () => {
    const config = { coveredRegions: ["eu-west-1"] };
    await assertNoViolations(policy, stackArgs([queue("us-east-1")], config));
  });

  it("still reports other resources in us-east-1 when it is not covered", async () => {
    const config = { coveredRegions: ["eu-west-1"] };
    const stack = [stackResource(aws.sns.Topic, "topic", { region: "us-east-1" })];
    await assertHasViolation(policy, stackArgs(stack, config), 'Topic "topic" is in us-east-1');
  });

  it("ignores global resources such as IAM roles", async () => {
    const config = { coveredRegions: ["eu-west-1"] };
    const role = stackResource(aws.iam.Role, "role", {
      region: "us-east-1",
      assumeRolePolicy: "{}",
    });
    await assertNoViolations(policy, stackArgs([role], config));
  });
});
