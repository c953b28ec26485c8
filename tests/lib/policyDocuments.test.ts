import { expect } from "chai";
import {
  ALERT_PUBLISHERS,
  PolicyDocument,
  PolicyStatement,
  alertKeyPolicy,
  alertTopicPolicy,
  deadLetterQueuePolicy,
  eventBridgeTrustPolicy,
  forwardToBusPolicy,
} from "../../lib/policyDocuments";

const ACCOUNT = "123456789012";
const TOPIC_ARN = `arn:aws:sns:us-east-1:${ACCOUNT}:detect-alerts-topic-1a2b3c4`;
const QUEUE_ARN = `arn:aws:sqs:eu-west-1:${ACCOUNT}:detect-rules-eu-west-1-dlq-1a2b3c4`;
const HOME_BUS_ARN = `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`;

function statement(document: PolicyDocument, sid: string): PolicyStatement {
  const found = document.Statement.find((s) => s.Sid === sid);
  if (found === undefined) throw new Error(`no statement ${sid}`);
  return found;
}

const asList = (value: string | string[] | undefined) =>
  value === undefined ? [] : [value].flat();

const documents: [string, PolicyDocument][] = [
  [
    "alert key",
    alertKeyPolicy({ partition: "aws", accountId: ACCOUNT, publisherServices: ALERT_PUBLISHERS }),
  ],
  [
    "alert topic",
    alertTopicPolicy({
      topicArn: TOPIC_ARN,
      accountId: ACCOUNT,
      publisherServices: ALERT_PUBLISHERS,
    }),
  ],
  [
    "dead-letter queue",
    deadLetterQueuePolicy(QUEUE_ARN, [`arn:aws:events:eu-west-1:${ACCOUNT}:rule/r1`]),
  ],
  ["forwarder trust", eventBridgeTrustPolicy(ACCOUNT)],
  ["forwarder permissions", forwardToBusPolicy(HOME_BUS_ARN)],
];

describe("policy documents", () => {
  for (const [what, document] of documents) {
    it(`gives every statement of the ${what} policy its own Sid`, () => {
      expect(document.Version).to.equal("2012-10-17");
      const sids = document.Statement.map((s) => s.Sid);
      for (const sid of sids) expect(sid).to.match(/^[A-Za-z0-9]+$/);
      expect(new Set(sids).size).to.equal(sids.length);
    });
  }

  it("lists EventBridge among the services that publish alerts", () => {
    expect(ALERT_PUBLISHERS).to.include("events.amazonaws.com");
    expect(ALERT_PUBLISHERS, "other projects' alarms").to.include("cloudwatch.amazonaws.com");
  });
});

describe("alertKeyPolicy", () => {
  const policy = alertKeyPolicy({
    partition: "aws-us-gov",
    accountId: ACCOUNT,
    publisherServices: ALERT_PUBLISHERS,
  });

  it("leaves the key administered by the account, in the account's partition", () => {
    const admin = statement(policy, "AccountAdministersKey");
    expect(admin.Effect).to.equal("Allow");
    expect(admin.Principal).to.deep.equal({ AWS: `arn:aws-us-gov:iam::${ACCOUNT}:root` });
    expect(admin.Action).to.equal("kms:*");
  });

  it("lets EventBridge make and read data keys, which publishing to an encrypted topic needs", () => {
    const publishers = statement(policy, "AlertPublishersEncrypt");
    expect(publishers.Effect).to.equal("Allow");
    expect(publishers.Principal).to.deep.equal({
      Service: ["events.amazonaws.com", "cloudwatch.amazonaws.com"],
    });
    expect(asList(publishers.Action)).to.have.members(["kms:Decrypt", "kms:GenerateDataKey*"]);
  });

  it("gives the publishing services nothing beyond those two actions", () => {
    const services = policy.Statement.filter(
      (s) => typeof s.Principal === "object" && "Service" in s.Principal,
    );
    expect(services.flatMap((s) => asList(s.Action))).to.have.members([
      "kms:Decrypt",
      "kms:GenerateDataKey*",
    ]);
  });
});

describe("alertTopicPolicy", () => {
  const policy = alertTopicPolicy({
    topicArn: TOPIC_ARN,
    accountId: ACCOUNT,
    publisherServices: ALERT_PUBLISHERS,
  });

  it("lets EventBridge rules of this account publish to the topic", () => {
    const publish = statement(policy, "AlertPublishersPublish");
    expect(publish).to.deep.include({
      Effect: "Allow",
      Principal: { Service: ["events.amazonaws.com", "cloudwatch.amazonaws.com"] },
      Action: "sns:Publish",
      Resource: TOPIC_ARN,
    });
    expect(publish.Condition).to.deep.equal({ StringEquals: { "aws:SourceAccount": ACCOUNT } });
  });

  it("refuses publishing without TLS", () => {
    const deny = statement(policy, "DenyInsecureTransport");
    expect(deny).to.deep.include({ Effect: "Deny", Principal: "*", Resource: TOPIC_ARN });
    expect(deny.Condition).to.deep.equal({ Bool: { "aws:SecureTransport": false } });
  });
});

describe("deadLetterQueuePolicy", () => {
  const rules = [
    `arn:aws:events:eu-west-1:${ACCOUNT}:rule/detect-rules-eu-west-1-guardduty-findings-1a2b3c4`,
    `arn:aws:events:eu-west-1:${ACCOUNT}:rule/detect-rules-eu-west-1-inspector-findings-1a2b3c4`,
  ];
  const policy = deadLetterQueuePolicy(QUEUE_ARN, rules);

  it("lets EventBridge send to the queue only for the named rules", () => {
    const send = statement(policy, "AlertRulesDeadLetter");
    expect(send).to.deep.include({
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: QUEUE_ARN,
    });
    expect(send.Condition).to.deep.equal({ ArnEquals: { "aws:SourceArn": rules } });
  });
});

describe("the forwarding role's policies", () => {
  it("can be assumed by EventBridge of this account only", () => {
    const trust = eventBridgeTrustPolicy(ACCOUNT);
    expect(trust.Statement).to.have.length(1);
    expect(trust.Statement[0]).to.deep.equal({
      Sid: "EventBridgeAssumes",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
    });
  });

  it("allows putting events on the home region's bus and nothing else", () => {
    const permissions = forwardToBusPolicy(HOME_BUS_ARN);
    expect(permissions.Statement).to.deep.equal([
      {
        Sid: "ForwardToHomeBus",
        Effect: "Allow",
        Action: "events:PutEvents",
        Resource: HOME_BUS_ARN,
      },
    ]);
  });
});
