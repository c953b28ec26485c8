import { expect } from "chai";
import { ConfigError, parseConfig } from "../../lib/config";
import { toEngineConfig } from "../helpers/program";

function parse(keys: Record<string, unknown>) {
  return parseConfig(toEngineConfig({ "aws:region": "eu-west-1", ...keys }));
}

function problemsOf(keys: Record<string, unknown>): readonly string[] {
  try {
    parse(keys);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("activity, trail, Config and spend settings", () => {
  it("default to everything on", () => {
    const config = parse({});
    expect(config.activityAlerts).to.deep.equal({
      instanceLaunches: true,
      rootActivity: true,
      iamChanges: true,
      detectionTampering: true,
    });
    expect(config.cloudTrail).to.deep.equal({ existingTrailArn: undefined, logRetentionDays: 365 });
    expect(config.awsConfig).to.deep.equal({
      enabled: true,
      existingRecorderRegions: [],
      logRetentionDays: 365,
    });
    expect(config.spend).to.deep.equal({
      enabled: true,
      billingAlarmUsd: 1000,
      anomalyThresholdUsd: 100,
      existingAnomalyMonitorArn: undefined,
      monthlyBudgetUsd: undefined,
    });
  });

  it("read values given as the engine passes them", () => {
    const config = parse({
      cloudTrail: { existingTrailArn: "arn:aws:cloudtrail:eu-west-1:123456789012:trail/org-trail" },
      spend: { billingAlarmUsd: "250", monthlyBudgetUsd: 400 },
      awsConfig: { existingRecorderRegions: ["eu-west-1"] },
    });
    expect(config.cloudTrail.existingTrailArn).to.equal(
      "arn:aws:cloudtrail:eu-west-1:123456789012:trail/org-trail",
    );
    expect(config.spend.billingAlarmUsd).to.equal(250);
    expect(config.spend.monthlyBudgetUsd).to.equal(400);
    expect(config.awsConfig.existingRecorderRegions).to.deep.equal(["eu-west-1"]);
  });

  it("reports, with the fix, every setting that needs us-east-1 when it is excluded", () => {
    expect(problemsOf({ excludeRegions: ["us-east-1"] })).to.deep.equal([
      "aws-threat-detection:activityAlerts.rootActivity: needs us-east-1, the only region AWS sends " +
        "root sign-in events to; cover us-east-1 (remove it from excludeRegions or add it to regions) " +
        "or set this to false",
      "aws-threat-detection:activityAlerts.iamChanges: needs us-east-1, the only region AWS sends " +
        "IAM events to; cover us-east-1 (remove it from excludeRegions or add it to regions) or set this to false",
      "aws-threat-detection:spend.enabled: needs us-east-1, the only region AWS sends the billing " +
        "metric EstimatedCharges to; cover us-east-1 (remove it from excludeRegions or add it to regions) " +
        "or set this to false",
    ]);
  });

  it("reports a regions list without us-east-1 the same way", () => {
    const problems = problemsOf({ regions: ["eu-west-1"], spend: { enabled: false } });
    expect(problems.map((p) => p.split(": ")[0])).to.deep.equal([
      "aws-threat-detection:activityAlerts.rootActivity",
      "aws-threat-detection:activityAlerts.iamChanges",
    ]);
  });

  it("accepts leaving us-east-1 out once nothing needs it", () => {
    const config = parse({
      excludeRegions: ["us-east-1"],
      activityAlerts: { rootActivity: false, iamChanges: false },
      spend: { enabled: false },
    });
    expect(config.excludeRegions).to.deep.equal(["us-east-1"]);
  });

  it("lists every bad value with its key", () => {
    expect(
      problemsOf({
        activityAlerts: { rootActivty: false, iamChanges: "sometimes" },
        cloudTrail: { existingTrailArn: "my-trail", logRetentionDays: 30.5 },
        awsConfig: { existingRecorderRegions: ["mars-1"] },
        spend: { anomalyThresholdUsd: -5, existingAnomalyMonitorArn: "arn:aws:ce::1:monitor" },
      }),
    ).to.deep.equal([
      "aws-threat-detection:activityAlerts.rootActivty: unknown key; known keys: instanceLaunches, " +
        "rootActivity, iamChanges, detectionTampering",
      'aws-threat-detection:activityAlerts.iamChanges: expected true or false, got "sometimes"',
      "aws-threat-detection:cloudTrail.existingTrailArn: expected a trail ARN such as " +
        "arn:aws:cloudtrail:us-east-1:123456789012:trail/Name",
      'aws-threat-detection:awsConfig.existingRecorderRegions[0]: unknown AWS region ("mars-1")',
      "aws-threat-detection:spend.anomalyThresholdUsd: expected a positive number, got -5",
      "aws-threat-detection:spend.existingAnomalyMonitorArn: expected an anomaly monitor ARN such as " +
        "arn:aws:ce::123456789012:anomalymonitor/<id>",
      "aws-threat-detection:cloudTrail.logRetentionDays: expected a whole number of days, got 30.5",
    ]);
  });
});
