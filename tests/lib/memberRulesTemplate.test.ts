import { expect } from "chai";
import { activityAlertRules, findingAlertRules } from "../../lib/alertRules";
import {
  FORWARDER_ROLE_ID,
  memberRulesTemplate,
  ruleLogicalId,
} from "../../lib/memberRulesTemplate";

const OWN = {
  rulePrefix: "detect-rules-",
  topicArnPrefix: "arn:aws:sns:us-east-1:222222222222:detect-alerts-topic-",
};
const ACTIVITY = activityAlertRules(
  { instanceLaunches: true, rootActivity: true, iamChanges: true, detectionTampering: true },
  OWN,
);
const BUS = "arn:aws:events:us-east-1:222222222222:event-bus/default";

function template(rules = ACTIVITY) {
  // Through JSON, as the StackSet receives it.
  const body = JSON.stringify(
    memberRulesTemplate({
      rules,
      targetBusArn: BUS,
      ruleNamePrefix: OWN.rulePrefix,
      globalEventsRegion: "us-east-1",
    }),
  );
  return JSON.parse(body) as ReturnType<typeof memberRulesTemplate>;
}

const rulesOf = (t: ReturnType<typeof template>) =>
  Object.entries(t.Resources).filter(([, r]) => r.Type === "AWS::Events::Rule");

describe("the member account rules template", () => {
  it("holds exactly the single-account activity patterns, one rule per spec", () => {
    const inTemplate = Object.fromEntries(
      rulesOf(template()).map(([, r]) => [
        String(r.Properties["Name"]),
        r.Properties["EventPattern"],
      ]),
    );
    const singleAccount = Object.fromEntries(
      ACTIVITY.map((s) => [`${OWN.rulePrefix}${s.id}`, s.pattern]),
    );
    expect(inTemplate).to.deep.equal(singleAccount);
  });

  it("names member rules so that the alerting-tampering pattern protects them too", () => {
    for (const [, rule] of rulesOf(template())) {
      expect(String(rule.Properties["Name"]).startsWith(OWN.rulePrefix)).to.equal(true);
    }
  });

  it("creates IAM and sign-in rules in us-east-1 only and regional rules everywhere", () => {
    const t = template();
    expect(t.Conditions["InGlobalEventsRegion"]).to.deep.equal({
      "Fn::Equals": [{ Ref: "AWS::Region" }, "us-east-1"],
    });
    for (const spec of ACTIVITY) {
      const rule = t.Resources[ruleLogicalId(spec.id)];
      const expected = spec.scope === "global-events-region" ? "InGlobalEventsRegion" : undefined;
      expect(rule.Condition, spec.id).to.equal(expected);
    }
  });

  it("forwards every rule to the security account's bus through the forwarder role", () => {
    for (const [, rule] of rulesOf(template())) {
      expect(rule.Properties["Targets"]).to.deep.equal([
        {
          Id: "security-account-bus",
          Arn: BUS,
          RoleArn: { "Fn::GetAtt": [FORWARDER_ROLE_ID, "Arn"] },
        },
      ]);
    }
    const role = template().Resources[FORWARDER_ROLE_ID].Properties as any;
    expect(role.RoleName).to.deep.equal({ "Fn::Sub": "detect-rules-forwarder-${AWS::Region}" });
    expect(role.Policies[0].PolicyDocument.Statement).to.deep.equal([
      { Sid: "ForwardToHomeBus", Effect: "Allow", Action: "events:PutEvents", Resource: BUS },
    ]);
  });

  it("asks for read-only events where the spec does", () => {
    const t = template();
    expect(t.Resources[ruleLogicalId("root-api-calls")].Properties["State"]).to.equal(
      "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
    );
    expect(t.Resources[ruleLogicalId("ec2-run-instances")].Properties["State"]).to.equal("ENABLED");
  });

  it("leaves out home-region rules, whose events are gathered in the security account already", () => {
    const t = template([...findingAlertRules("HIGH"), ...ACTIVITY]);
    expect(t.Resources[ruleLogicalId("securityhub-findings")]).to.equal(undefined);
    expect(t.Resources[ruleLogicalId("guardduty-findings")]).not.to.equal(undefined);
  });
});
