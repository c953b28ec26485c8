import { expect } from "chai";
import { AlertRouting } from "../../components/alertRouting";
import { findingAlertRules } from "../../lib/alertRules";
import { PlannedResource } from "../../tools/mockRuntime";
import { policyOf, runComponent } from "../helpers/components";
import { delivers, loadEvent } from "../helpers/events";
import { TEST_ACCOUNT_ID } from "../helpers/program";

const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const QUEUE = "aws:sqs/queue:Queue";
const QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";
const ROLE = "aws:iam/role:Role";
const TOPIC_ARN = `arn:aws:sns:us-east-1:${TEST_ACCOUNT_ID}:alerts-topic-1a2b3c4`;
const HOME_BUS = `arn:aws:events:us-east-1:${TEST_ACCOUNT_ID}:event-bus/default`;
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-1"];
const SPECS = findingAlertRules("HIGH");

function deploy(regions: string[]) {
  return runComponent(() => {
    new AlertRouting("rules", {
      regions,
      homeRegion: "us-east-1",
      accountId: TEST_ACCOUNT_ID,
      partition: "aws",
      topicArn: TOPIC_ARN,
      rules: SPECS,
    });
    return {};
  });
}

describe("AlertRouting component", () => {
  let run: Awaited<ReturnType<typeof deploy>>;
  before(async () => {
    run = await deploy(REGIONS);
  });
  const inRegion = (type: string, region: string) =>
    run.ofType(type).filter((r) => r.region === region);
  const targetOf = (rule: PlannedResource) =>
    run.ofType(TARGET).find((t) => t.inputs["rule"] === rule.outputs["name"])!;
  const ruleFor = (region: string, id: string) =>
    run.ofType(RULE).find((r) => r.region === region && r.name.endsWith(id))!;

  it("creates the GuardDuty and Inspector rules in every covered region and the Security Hub rule at home", () => {
    for (const region of REGIONS) {
      const patterns = inRegion(RULE, region).map((r) =>
        JSON.parse(String(r.inputs["eventPattern"])),
      );
      const expected = SPECS.filter(
        (s) => s.scope === "every-region" || region === "us-east-1",
      ).map((s) => s.pattern);
      expect(patterns, region).to.have.deep.members(expected);
    }
  });

  it("deploys patterns that deliver the sample findings of their service", () => {
    const crypto = loadEvent("guardduty-crypto-high");
    const pattern = JSON.parse(
      String(ruleFor("ap-southeast-1", "guardduty-findings").inputs["eventPattern"]),
    );
    expect(delivers(pattern, crypto)).to.equal(true);
    expect(delivers(pattern, loadEvent("guardduty-portprobe-low"))).to.equal(false);
  });

  it("sends home-region matches to the topic as readable text, with no role", () => {
    for (const spec of SPECS) {
      const target = targetOf(ruleFor("us-east-1", spec.id));
      expect(target.inputs["arn"]).to.equal(TOPIC_ARN);
      expect(target.inputs["inputTransformer"]).to.deep.equal(spec.message);
      expect(target.inputs).to.not.have.property("roleArn");
    }
  });

  it("forwards other regions' matches unchanged to the home region's bus, with the forwarding role", () => {
    const role = run.ofType(ROLE)[0];
    for (const region of ["eu-west-1", "ap-southeast-1"]) {
      for (const rule of inRegion(RULE, region)) {
        const target = targetOf(rule);
        expect(target.inputs["arn"]).to.equal(HOME_BUS);
        expect(target.inputs["roleArn"]).to.equal(role.outputs["arn"]);
        expect(target.inputs).to.not.have.property("inputTransformer");
      }
    }
  });

  it("gives every target an encrypted dead-letter queue in its own region", () => {
    for (const target of run.ofType(TARGET)) {
      const queue = inRegion(QUEUE, target.region!);
      expect(queue).to.have.length(1);
      expect(queue[0].inputs["sqsManagedSseEnabled"]).to.equal(true);
      expect((target.inputs["deadLetterConfig"] as { arn: string }).arn).to.equal(
        queue[0].outputs["arn"],
      );
    }
  });

  it("lets EventBridge put into each queue only for the rules of that region", () => {
    for (const region of REGIONS) {
      const [policy] = inRegion(QUEUE_POLICY, region);
      const [queue] = inRegion(QUEUE, region);
      expect(policy.inputs["queueUrl"]).to.equal(queue.outputs["url"]);
      const [statement] = policyOf(policy).Statement;
      expect(statement.Resource).to.equal(queue.outputs["arn"]);
      expect(statement.Principal).to.deep.equal({ Service: "events.amazonaws.com" });
      const ruleArns = inRegion(RULE, region).map((r) => r.outputs["arn"]);
      expect(statement.Condition.ArnEquals["aws:SourceArn"]).to.have.members(ruleArns);
    }
  });

  it("has one forwarding role, assumable by EventBridge, allowed only to put events on the home bus", () => {
    expect(run.ofType(ROLE)).to.have.length(1);
    const trust = policyOf(run.ofType(ROLE)[0], "assumeRolePolicy");
    expect(trust.Statement.map((s: any) => s.Principal)).to.deep.equal([
      { Service: "events.amazonaws.com" },
    ]);
    const permissions = run.ofType("aws:iam/rolePolicy:RolePolicy");
    expect(permissions).to.have.length(1);
    expect(permissions[0].inputs["role"]).to.equal(run.ofType(ROLE)[0].outputs["name"]);
    expect(policyOf(permissions[0]).Statement).to.deep.equal([
      { Sid: "ForwardToHomeBus", Effect: "Allow", Action: "events:PutEvents", Resource: HOME_BUS },
    ]);
  });

  it("creates no forwarding role when only the home region is covered", async () => {
    const homeOnly = await deploy(["us-east-1"]);
    expect(homeOnly.ofType(ROLE)).to.deep.equal([]);
    expect(homeOnly.ofType(TARGET).map((t) => t.inputs["arn"])).to.deep.equal(
      SPECS.map(() => TOPIC_ARN),
    );
  });
});
