import { expect } from "chai";
import { activityAlertRules } from "../../lib/alertRules";
import { policyOf } from "../helpers/components";
import { MANAGEMENT, SECURITY, runOrganization } from "./organization/stack";

const STACK_SET = "aws:cloudformation/stackSet:StackSet";
const INSTANCE = "aws:cloudformation/stackSetInstance:StackSetInstance";
const STACK = "aws:cloudformation/stack:Stack";
const BUS_POLICY = "aws:cloudwatch/eventBusPolicy:EventBusPolicy";
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-1"];

describe("activity rules in an organization", () => {
  const run = () => runOrganization({ enabledRegions: REGIONS });

  it("deploy a service-managed, auto-deploying StackSet from the management account", async () => {
    const [stackSet] = (await run()).ofType(STACK_SET);
    expect(stackSet.account).to.equal(MANAGEMENT);
    expect(stackSet.inputs).to.deep.include({
      permissionModel: "SERVICE_MANAGED",
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      capabilities: ["CAPABILITY_NAMED_IAM"],
    });
  });

  it("target the organization root in every covered region", async () => {
    const instances = (await run()).ofType(INSTANCE);
    expect(instances.map((i) => i.inputs["stackSetInstanceRegion"]).sort()).to.deep.equal(
      [...REGIONS].sort(),
    );
    for (const instance of instances) {
      expect(
        instance.inputs["deploymentTargets"],
        "every account but the security one",
      ).to.deep.equal({
        organizationalUnitIds: ["r-exam"],
        accountFilterType: "DIFFERENCE",
        accounts: [SECURITY],
      });
      expect(instance.account).to.equal(MANAGEMENT);
    }
  });

  it("hold the security account's activity patterns and forward to its home bus", async () => {
    const r = await run();
    const template = JSON.parse(String(r.ofType(STACK_SET)[0].inputs["templateBody"]));
    const own = {
      rulePrefix: "detect-rules-",
      topicArnPrefix: `arn:aws:sns:us-east-1:${SECURITY}:detect-alerts-topic-`,
    };
    const specs = activityAlertRules(
      { instanceLaunches: true, rootActivity: true, iamChanges: true, detectionTampering: true },
      own,
    );
    const patterns = Object.values(template.Resources as Record<string, any>)
      .filter((res) => res.Type === "AWS::Events::Rule")
      .map((res) => res.Properties.EventPattern);
    expect(patterns).to.deep.equal(specs.map((s) => s.pattern));
    // The security account's own home rules use the same patterns, so forwarded events match there.
    const homeRules = r
      .ofType("aws:cloudwatch/eventRule:EventRule")
      .filter((x) => x.region === "us-east-1");
    for (const spec of specs) {
      const rule = homeRules.find((x) => String(x.name) === `detect-rules-us-east-1-${spec.id}`)!;
      expect(JSON.parse(String(rule.inputs["eventPattern"])), spec.id).to.deep.equal(spec.pattern);
    }
  });

  it("deploy the same template to the management account, which StackSets skip", async () => {
    const r = await run();
    const stacks = r.ofType(STACK);
    expect(stacks.map((s) => s.region).sort()).to.deep.equal([...REGIONS].sort());
    for (const stack of stacks) {
      expect(stack.account).to.equal(MANAGEMENT);
      expect(stack.inputs["templateBody"]).to.equal(r.ofType(STACK_SET)[0].inputs["templateBody"]);
    }
  });

  it("admit only the organization to the security account's bus", async () => {
    const [busPolicy] = (await run()).ofType(BUS_POLICY);
    expect(busPolicy.account).to.equal(SECURITY);
    expect(policyOf(busPolicy).Statement).to.deep.equal([
      {
        Sid: "OrganizationPutsEvents",
        Effect: "Allow",
        Principal: "*",
        Action: "events:PutEvents",
        Resource: `arn:aws:events:us-east-1:${SECURITY}:event-bus/default`,
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-exampleorg1" } },
      },
    ]);
  });

  it("make the trail an organization trail owned by the management account", async () => {
    const [trail] = (await run()).ofType("aws:cloudtrail/trail:Trail");
    expect(trail.account).to.equal(MANAGEMENT);
    expect(trail.inputs["isOrganizationTrail"]).to.equal(true);
  });
});
