import * as aws from "@pulumi/aws";
import {
  detectorsEnabled,
  featuresNotDatasources,
  oneRuntimeFeature,
} from "../../policies/guardduty";
import { keysRotate } from "../../policies/keys";
import { defaultStandardsOff, oneAggregatorInHomeRegion } from "../../policies/securityhub";
import { baselineStack, changed, plus } from "./baselineStack";
import {
  UNKNOWN_VALUE,
  assertHasViolation,
  assertNoViolations,
  resourceArgs,
  stackArgs,
  stackResource,
} from "./helpers";

describe("policy guardduty-detector-enabled", () => {
  it("passes an enabled detector", async () => {
    await assertNoViolations(
      detectorsEnabled,
      resourceArgs(aws.guardduty.Detector, { enable: true }),
    );
  });

  it("rejects a disabled detector", async () => {
    const args = resourceArgs(aws.guardduty.Detector, { enable: false }, "eu-west-1");
    await assertHasViolation(detectorsEnabled, args, 'Detector "eu-west-1" is disabled');
  });
});

describe("policy guardduty-features-not-datasources", () => {
  it("passes a detector without datasources", async () => {
    await assertNoViolations(
      featuresNotDatasources,
      resourceArgs(aws.guardduty.Detector, { enable: true }),
    );
  });

  it("rejects a detector with a datasources block", async () => {
    const args = resourceArgs(aws.guardduty.Detector, {
      enable: true,
      datasources: { s3Logs: { enable: true } },
    });
    await assertHasViolation(
      featuresNotDatasources,
      args,
      "sets datasources, which AWS deprecated",
    );
  });

  it("rejects an organization configuration with a datasources block", async () => {
    const args = resourceArgs(aws.guardduty.OrganizationConfiguration, {
      detectorId: "d",
      autoEnableOrganizationMembers: "ALL",
      datasources: { s3Logs: { autoEnable: true } },
    });
    await assertHasViolation(featuresNotDatasources, args, "OrganizationConfiguration");
  });
});

describe("policy guardduty-one-runtime-feature", () => {
  const feature = (name: string, detectorId: unknown = "d-1") =>
    stackResource(
      aws.guardduty.DetectorFeature,
      name.toLowerCase(),
      { detectorId, name, status: "ENABLED" },
      ["detector"],
    );
  const detector = stackResource(aws.guardduty.Detector, "detector", { enable: true });

  it("passes a detector with RUNTIME_MONITORING only", async () => {
    await assertNoViolations(
      oneRuntimeFeature,
      stackArgs([detector, feature("RUNTIME_MONITORING")]),
    );
  });

  it("rejects a detector with both runtime features, even when its id is unknown", async () => {
    const stack = [
      detector,
      feature("RUNTIME_MONITORING", UNKNOWN_VALUE),
      feature("EKS_RUNTIME_MONITORING", UNKNOWN_VALUE),
    ];
    await assertHasViolation(
      oneRuntimeFeature,
      stackArgs(stack),
      "declare both runtime features for one detector",
    );
  });
});

describe("policy securityhub-default-standards-off", () => {
  it("passes an account with default standards off", async () => {
    const args = resourceArgs(aws.securityhub.Account, { enableDefaultStandards: false });
    await assertNoViolations(defaultStandardsOff, args);
  });

  it("rejects an account that leaves the provider default on", async () => {
    const args = resourceArgs(aws.securityhub.Account, {}, "hub");
    await assertHasViolation(defaultStandardsOff, args, 'Account "hub" lets AWS enable');
  });
});

describe("policy securityhub-one-aggregator", () => {
  const policy = oneAggregatorInHomeRegion;

  it("passes one aggregator in the home region that links every hub", async () => {
    await assertNoViolations(policy, stackArgs(baselineStack(), { homeRegion: "us-east-1" }));
  });

  it("rejects a second aggregator", async () => {
    const second = stackResource(aws.securityhub.FindingAggregator, "second", {
      region: "eu-west-1",
      linkingMode: "NO_REGIONS",
    });
    const expected = 'FindingAggregator "second" is a second';
    await assertHasViolation(policy, stackArgs(plus(baselineStack(), second)), expected);
  });

  it("rejects an aggregator outside the configured home region", async () => {
    const args = stackArgs(baselineStack(), { homeRegion: "eu-west-1" });
    await assertHasViolation(policy, args, "not in the home region eu-west-1");
  });

  it("rejects a hub whose region is not linked", async () => {
    const stack = changed(baselineStack(), "aggregator", { specifiedRegions: [] });
    await assertHasViolation(
      policy,
      stackArgs(stack),
      'Account "hub-eu-west-1" in eu-west-1 is not linked',
    );
  });
});

describe("policy kms-key-rotation", () => {
  it("passes a symmetric key that rotates", async () => {
    await assertNoViolations(keysRotate, resourceArgs(aws.kms.Key, { enableKeyRotation: true }));
  });

  it("rejects a symmetric key without rotation", async () => {
    await assertHasViolation(
      keysRotate,
      resourceArgs(aws.kms.Key, {}, "alerts"),
      'Key "alerts" does not rotate',
    );
  });

  it("leaves asymmetric keys alone, since AWS cannot rotate them", async () => {
    const args = resourceArgs(aws.kms.Key, {
      customerMasterKeySpec: "RSA_2048",
      keyUsage: "SIGN_VERIFY",
    });
    await assertNoViolations(keysRotate, args);
  });
});
