import { expect } from "chai";
import { runProgram } from "../helpers/program";
import { loadActivityEvent, rulesReachingTopic } from "../helpers/activityEvents";
import { policyOf } from "../helpers/components";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const SUBSCRIPTION = "aws:costexplorer/anomalySubscription:AnomalySubscription";
const BUDGET = "aws:budgets/budget:Budget";

const EU_STACK = {
  "aws:region": "eu-west-1",
  alerts: { emails: ["security@example.com"] },
  spend: { billingAlarmUsd: 300, anomalyThresholdUsd: 40, monthlyBudgetUsd: 500 },
};
const REGIONS = ["eu-west-1", "us-east-1", "ap-southeast-1"];

describe("spend alerts", () => {
  const run = () => runProgram({ config: EU_STACK, enabledRegions: REGIONS });

  it("put the billing alarm in us-east-1 for a stack homed in eu-west-1", async () => {
    const alarms = (await run()).ofType(ALARM);
    expect(alarms).to.have.length(1);
    expect(alarms[0].region).to.equal("us-east-1");
    expect(alarms[0].inputs).to.deep.include({
      namespace: "AWS/Billing",
      metricName: "EstimatedCharges",
      dimensions: { Currency: "USD" },
      threshold: 300,
      comparisonOperator: "GreaterThanThreshold",
    });
  });

  it("bring the alarm's state change from us-east-1 to the home region's topic", async () => {
    const r = await run();
    const alarmName = String(r.ofType(ALARM)[0].inputs["name"]);
    const event = loadActivityEvent("cloudwatch-billing-alarm");
    event.detail.alarmName = alarmName;
    expect(rulesReachingTopic(r.resources, "eu-west-1", event)).to.deep.equal([
      "detect-rules-eu-west-1-billing-alarm",
    ]);
  });

  it("subscribe the topic to anomalies from the configured amount, and budget the month", async () => {
    const r = await run();
    const subscription = r.ofType(SUBSCRIPTION)[0];
    const topicArn = String(r.outputs["alertTopicArn"]);
    expect(subscription.inputs["subscribers"]).to.deep.equal([{ type: "SNS", address: topicArn }]);
    expect(subscription.inputs["frequency"]).to.equal("IMMEDIATE");
    expect((subscription.inputs["thresholdExpression"] as any).dimension.values).to.deep.equal([
      "40",
    ]);
    const budget = r.ofType(BUDGET)[0];
    expect(budget.inputs).to.deep.include({
      limitAmount: "500",
      limitUnit: "USD",
      timeUnit: "MONTHLY",
    });
    for (const n of budget.inputs["notifications"] as any[])
      expect(n.subscriberSnsTopicArns).to.deep.equal([topicArn]);
  });

  it("admit Cost Anomaly Detection and Budgets to the topic and its key", async () => {
    const r = await run();
    const topicPolicy = policyOf(r.ofType("aws:sns/topicPolicy:TopicPolicy")[0]);
    expect(topicPolicy.Statement[0].Principal.Service).to.deep.equal([
      "events.amazonaws.com",
      "cloudwatch.amazonaws.com",
      "costalerts.amazonaws.com",
      "budgets.amazonaws.com",
    ]);
    const key = r
      .ofType("aws:kms/key:Key")
      .find((k) => String(k.name).startsWith("detect-alerts"))!;
    expect(policyOf(key).Statement[1].Principal.Service).to.include("costalerts.amazonaws.com");
  });

  it("create nothing for spend and admit only EventBridge and CloudWatch when spend is off", async () => {
    const r = await runProgram({
      config: { ...EU_STACK, spend: { enabled: false } },
      enabledRegions: REGIONS,
    });
    expect(r.ofType(ALARM)).to.deep.equal([]);
    expect(r.ofType(SUBSCRIPTION)).to.deep.equal([]);
    expect(
      policyOf(r.ofType("aws:sns/topicPolicy:TopicPolicy")[0]).Statement[0].Principal.Service,
    ).to.deep.equal(["events.amazonaws.com", "cloudwatch.amazonaws.com"]);
  });
});
