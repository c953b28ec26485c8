import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import main from "../../../index";
import { DEFAULT_ENABLED_REGIONS } from "../../../lib/regions";
import { PlannedResource, runUnderMocks } from "../../../tools/mockRuntime";
import { loadStackConfig } from "../../../tools/stackFile";
import { TEST_ACCOUNT_ID } from "../../helpers/program";

const PROJECT_DIR = path.resolve(__dirname, "../../..");

/**
 * The GuardDuty, Inspector and Security Hub resources and the provider that the single-account
 * example planned before organization mode existed (recorded from that commit with the stack file
 * now called Pulumi.single.yaml, under the stack name prod).
 */
const BEFORE = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, "../../fixtures/plans/single-account-detection.json"),
    "utf8",
  ),
) as Pick<
  PlannedResource,
  "urn" | "parent" | "provider" | "account" | "region" | "inputs" | "dependsOn"
>[];

const DETECTION = /^aws:(guardduty|inspector2|securityhub|organizations)\//;

describe("single-account mode after organization mode", function () {
  this.timeout(120_000);
  let resources: PlannedResource[];
  before(async () => {
    const config = loadStackConfig(
      path.join(PROJECT_DIR, "Pulumi.single.yaml"),
      "aws-threat-detection",
    );
    expect(config).not.to.have.property("aws-threat-detection:organization");
    const run = await runUnderMocks(main, {
      project: "aws-threat-detection",
      stack: "prod",
      config,
      accountId: TEST_ACCOUNT_ID,
      enabledRegions: DEFAULT_ENABLED_REGIONS,
    });
    resources = run.resources;
  });

  it("plans every detection resource and the provider exactly as before", () => {
    const now = new Map(resources.map((r) => [r.urn, r]));
    for (const before of BEFORE) {
      const current = now.get(before.urn);
      expect(current, before.urn).not.to.equal(undefined);
      const { urn, ...recorded } = before;
      const same = Object.fromEntries(
        Object.keys(recorded).map((k) => [k, current![k as keyof PlannedResource]]),
      );
      expect(same, urn).to.deep.equal(recorded);
    }
  });

  it("plans no detection resource beyond those, and no designation", () => {
    const known = new Set(BEFORE.map((r) => r.urn));
    const added = resources
      .filter((r) => DETECTION.test(r.type) && !known.has(r.urn))
      .map((r) => r.urn);
    expect(added).to.deep.equal([]);
  });

  it("still acts through one provider in one account", () => {
    expect(
      resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => r.name),
    ).to.deep.equal(["account"]);
    const accounts = new Set(resources.filter((r) => r.account !== null).map((r) => r.account));
    expect([...accounts]).to.deep.equal([TEST_ACCOUNT_ID]);
  });
});
