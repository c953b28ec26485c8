import { expect } from "chai";
import { AWS_REGIONS, DEFAULT_ENABLED_REGIONS } from "../../../lib/regions";
import { autoName } from "../../../tools/awsMocks";
import {
  DESIGNATION_TYPES,
  MANAGEMENT,
  SECURITY,
  T,
  oneIn,
  runOrganization,
  serviceResources,
} from "./stack";

const ALL_REGIONS = AWS_REGIONS.map((r) => r.name);
const DETECTION = /^aws:(guardduty|inspector2|securityhub)\//;

describe("organization mode: accounts and providers", function () {
  // Each run evaluates the whole program for up to 34 regions under the mocks.
  this.timeout(120_000);

  for (const enabledRegions of [["us-east-1"], DEFAULT_ENABLED_REGIONS, ALL_REGIONS]) {
    it(`uses two providers, one per account, for ${enabledRegions.length} region(s)`, async () => {
      const run = await runOrganization({ enabledRegions });
      expect(run.outputs["coveredRegions"]).to.have.length(enabledRegions.length);
      const providers = run.ofType(T.provider);
      expect(providers.map((p) => p.name).sort()).to.deep.equal(["management", "security"]);
      const roles = providers.map(
        (p) => JSON.parse(String(p.inputs["assumeRoles"])) as { roleArn: string }[],
      );
      expect(roles.map((r) => r.map((role) => role.roleArn)).sort()).to.deep.equal([
        [`arn:aws:iam::${MANAGEMENT}:role/OrganizationAccountAccessRole`],
        [`arn:aws:iam::${SECURITY}:role/OrganizationAccountAccessRole`],
      ]);
      // Regions come from each resource's `region`, never from a provider per region.
      expect(providers.every((p) => p.inputs["region"] === "us-east-1")).to.equal(true);
      const regional = serviceResources(run).filter((r) => r.region !== null);
      expect(regional.every((r) => r.inputs["region"] === r.region)).to.equal(true);
    });
  }

  it("makes every designation from the management account", async () => {
    const run = await runOrganization();
    for (const type of DESIGNATION_TYPES) {
      expect(run.ofType(type)).not.to.deep.equal([]);
      for (const designation of run.ofType(type)) {
        expect(designation.account, designation.urn).to.equal(MANAGEMENT);
        expect(designation.inputs["adminAccountId"] ?? designation.inputs["accountId"]).to.equal(
          SECURITY,
        );
      }
    }
  });

  it("creates every other GuardDuty, Inspector and Security Hub resource in the security account", async () => {
    const run = await runOrganization();
    const services = serviceResources(run).filter(
      (r) => DETECTION.test(r.type) && !DESIGNATION_TYPES.includes(r.type),
    );
    expect(services.length).to.be.greaterThan(0);
    expect(services.filter((r) => r.account !== SECURITY).map((r) => r.urn)).to.deep.equal([]);
  });

  it("keeps the alert topic, its key and the alert rules in the security account", async () => {
    const run = await runOrganization();
    const alerting = serviceResources(run).filter((r) =>
      /::detect-(alerts|rules)$/.test(r.parent ?? ""),
    );
    expect(alerting.map((r) => r.type)).to.include.members([
      "aws:sns/topic:Topic",
      "aws:kms/key:Key",
      "aws:cloudwatch/eventRule:EventRule",
    ]);
    expect(alerting.filter((r) => r.account !== null && r.account !== SECURITY)).to.deep.equal([]);
    expect(String(run.outputs["alertTopicArn"])).to.match(
      new RegExp(`^arn:aws:sns:us-east-1:${SECURITY}:`),
    );
    expect(String(run.outputs["alertKeyArn"])).to.match(
      new RegExp(`^arn:aws:kms:us-east-1:${SECURITY}:`),
    );
  });

  it("designates the security account for GuardDuty and Inspector in every region", async () => {
    const run = await runOrganization();
    const regions = run.outputs["coveredRegions"] as string[];
    expect(
      run
        .ofType(T.gdAdmin)
        .map((r) => r.region)
        .sort(),
    ).to.deep.equal([...regions].sort());
    expect(
      run
        .ofType(T.inspectorAdmin)
        .map((r) => r.region)
        .sort(),
    ).to.deep.equal([...regions].sort());
  });

  it("designates Security Hub once, in the home region, for central configuration", async () => {
    const run = await runOrganization();
    expect(run.ofType(T.hubAdmin).map((r) => r.region)).to.deep.equal(["us-east-1"]);
    expect(oneIn(run, T.hubOrg, "us-east-1").inputs).to.deep.equal({
      region: "us-east-1",
      autoEnable: false,
      autoEnableStandards: "NONE",
      organizationConfiguration: { configurationType: "CENTRAL" },
    });
  });

  it("sets the standards through one configuration policy associated with the root", async () => {
    const run = await runOrganization();
    expect(run.ofType(T.standard)).to.deep.equal([]);
    const policy = oneIn(run, T.hubPolicy, "us-east-1");
    expect(policy.inputs["configurationPolicy"]).to.deep.equal({
      serviceEnabled: true,
      enabledStandardArns: [
        "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
        "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
      ],
      securityControlsConfiguration: { disabledControlIdentifiers: [] },
    });
    const association = oneIn(run, T.hubPolicyTarget, "us-east-1");
    expect(association.inputs["targetId"]).to.equal(
      (run.outputs["organization"] as { rootId: string }).rootId,
    );
    // The mocks give the policy its auto-name as id, as AWS gives it a generated id.
    expect(association.inputs["policyId"]).to.equal(autoName(policy.name));
  });

  it("keeps the one finding aggregator in the home region, linking every other region", async () => {
    const run = await runOrganization();
    const aggregators = run.ofType(T.aggregator);
    expect(aggregators.map((a) => a.region)).to.deep.equal(["us-east-1"]);
    expect(aggregators[0].inputs["specifiedRegions"]).to.have.length(
      DEFAULT_ENABLED_REGIONS.length - 1,
    );
  });

  it("exports the accounts and the root it acted on", async () => {
    const run = await runOrganization();
    expect(run.outputs["organization"]).to.deep.equal({
      managementAccountId: MANAGEMENT,
      securityAccountId: SECURITY,
      rootId: "r-exam",
    });
  });
});
