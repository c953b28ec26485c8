import { expect } from "chai";
import { AlertTopic } from "../../components/alertTopic";
import { ALERT_PUBLISHERS } from "../../lib/policyDocuments";
import { policyOf, runComponent } from "../helpers/components";
import { TEST_ACCOUNT_ID } from "../helpers/program";

const KEY = "aws:kms/key:Key";
const TOPIC = "aws:sns/topic:Topic";

describe("AlertTopic component", () => {
  const emails = ["security@example.com", "oncall@example.com"];
  let run: Awaited<ReturnType<typeof deploy>>;
  const deploy = () =>
    runComponent(() => {
      const alerts = new AlertTopic("alerts", {
        homeRegion: "eu-west-1",
        accountId: TEST_ACCOUNT_ID,
        partition: "aws",
        emails,
        publisherServices: ALERT_PUBLISHERS,
      });
      return { topicArn: alerts.topicArn, keyArn: alerts.keyArn };
    });
  before(async () => {
    run = await deploy();
  });

  it("creates one customer-managed key with rotation on, in the home region", () => {
    expect(run.ofType(KEY)).to.have.length(1);
    expect(run.oneIn(KEY, "eu-west-1").inputs["enableKeyRotation"]).to.equal(true);
  });

  it("lets EventBridge use the key to publish encrypted messages", () => {
    const statements = policyOf(run.oneIn(KEY, "eu-west-1")).Statement as any[];
    const forEvents = statements.filter((s) =>
      [s.Principal?.Service].flat().includes("events.amazonaws.com"),
    );
    expect(forEvents).to.have.length(1);
    expect(forEvents[0].Effect).to.equal("Allow");
    expect(forEvents[0].Action).to.include.members(["kms:GenerateDataKey*", "kms:Decrypt"]);
  });

  it("creates one topic, in the home region, encrypted with that key rather than alias/aws/sns", () => {
    expect(run.ofType(TOPIC)).to.have.length(1);
    const topic = run.oneIn(TOPIC, "eu-west-1");
    expect(topic.inputs["kmsMasterKeyId"]).to.equal(run.outputs.keyArn);
    expect(topic.inputs["kmsMasterKeyId"]).to.not.equal("alias/aws/sns");
  });

  it("lets EventBridge of this account publish to the topic", () => {
    const policy = run.oneIn("aws:sns/topicPolicy:TopicPolicy", "eu-west-1");
    expect(policy.inputs["arn"]).to.equal(run.outputs.topicArn);
    const publish = (policyOf(policy).Statement as any[]).find((s) => s.Effect === "Allow");
    expect(publish).to.deep.include({
      Principal: { Service: ["events.amazonaws.com", "cloudwatch.amazonaws.com"] },
      Action: "sns:Publish",
      Resource: run.outputs.topicArn,
    });
  });

  it("subscribes each email address to the topic", () => {
    const subscriptions = run.ofType("aws:sns/topicSubscription:TopicSubscription");
    expect(subscriptions.map((s) => s.inputs)).to.have.deep.members(
      emails.map((endpoint) => ({
        region: "eu-west-1",
        protocol: "email",
        endpoint,
        topic: run.outputs.topicArn,
      })),
    );
  });

  it("exports the topic and key ARNs", () => {
    expect(run.outputs.topicArn).to.match(
      /^arn:aws:sns:eu-west-1:123456789012:alerts-topic-[0-9a-f]{7}$/,
    );
    expect(run.outputs.keyArn).to.match(/^arn:aws:kms:eu-west-1:123456789012:key\/[0-9a-f-]{36}$/);
  });

  it("puts every resource in the home region, under the component", () => {
    const component = run.resources.find(
      (r) => r.type === "aws-threat-detection:alerts:AlertTopic",
    )!;
    for (const resource of run.resources.filter((r) => r.custom)) {
      expect(resource.region, resource.name).to.equal("eu-west-1");
      expect(resource.parent, resource.name).to.equal(component.urn);
    }
  });
});
