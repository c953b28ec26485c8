import { expect } from "chai";
import main from "../../../index";
import { PlannedResource, runUnderMocks } from "../../../tools/mockRuntime";
import { BASE_CONFIG, TEST_ACCOUNT_ID, toEngineConfig } from "../../helpers/program";
import { MANAGEMENT, SECURITY, T, runOrganization, serviceResources } from "./stack";

const memberEnablers = (resources: PlannedResource[]) =>
  resources.filter((r) => r.type === T.enabler && r.name.endsWith("-members"));

const urns = (resources: { urn: string }[]) => resources.map((r) => r.urn).sort();

/** How many resources of each type a run plans. */
function countByType(resources: { type: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}

/** Two regions are enough here: what varies is the organization, not the regions. */
const REGIONS = ["us-east-1", "eu-west-1"];

/** The whole run, warnings included, of an organization stack with only the two account ids. */
function runWithWarnings(organizationMemberCount: number, autoEnable = "ALL") {
  return runUnderMocks(main, {
    project: "aws-threat-detection",
    stack: "test",
    config: toEngineConfig({
      ...BASE_CONFIG,
      organization: { managementAccountId: MANAGEMENT, securityAccountId: SECURITY, autoEnable },
    }),
    accountId: TEST_ACCOUNT_ID,
    enabledRegions: REGIONS,
    organizationMemberCount,
  });
}

describe("organization mode: member accounts", function () {
  // Each case runs the whole program under the mocks, some twice.
  this.timeout(120_000);

  it("plans the same resources for an organization of 3 or 100 member accounts", async () => {
    const small = await runOrganization({ memberCount: 3, enabledRegions: REGIONS });
    const large = await runOrganization({ memberCount: 100, enabledRegions: REGIONS });
    expect(countByType(serviceResources(large))).to.deep.equal(
      countByType(serviceResources(small)),
    );
    expect(urns(large.resources)).to.deep.equal(urns(small.resources));
  });

  it("enables existing members by one enabler per region listing them, suspended ones left out", async () => {
    const run = await runOrganization({ memberCount: 3, enabledRegions: REGIONS });
    const enablers = memberEnablers(run.resources);
    expect(enablers.map((e) => e.region)).to.deep.equal(REGIONS);
    // The mocks' organization: management, security, then 3 generated accounts, the last suspended.
    for (const enabler of enablers) {
      expect(enabler.inputs["accountIds"]).to.deep.equal([
        MANAGEMENT,
        "300000000000",
        "300000000001",
      ]);
      expect(enabler.account).to.equal(SECURITY);
    }
  });

  it("does not grow for 3,000 member accounts: existing members are left to a one-off activation", async () => {
    const small = await runOrganization({ memberCount: 3, enabledRegions: REGIONS });
    const { resources, warnings } = await runWithWarnings(3000);
    expect(memberEnablers(resources)).to.deep.equal([]);
    const withoutMemberEnablers = small.resources.filter((r) => !memberEnablers([r]).length);
    expect(urns(resources)).to.deep.equal(urns(withoutMemberEnablers));
    const warning = warnings.find((w) => w.includes("member accounts"));
    expect(warning).to.match(
      /has 3000 member accounts, more than the 100 Inspector enables in one call/,
    );
    expect(warning).to.include("activate existing members once in the Inspector console");
  });

  it("with autoEnable NEW, configures new members only and enables no existing ones", async () => {
    const run = await runOrganization({ autoEnable: "NEW", enabledRegions: REGIONS });
    expect(memberEnablers(run.resources)).to.deep.equal([]);
    for (const configuration of run.ofType(T.gdOrg)) {
      expect(configuration.inputs["autoEnableOrganizationMembers"]).to.equal("NEW");
    }
    expect(run.ofType(T.gdOrgFeature).every((f) => f.inputs["autoEnable"] === "NEW")).to.equal(
      true,
    );
    const inspector = run.ofType(T.inspectorOrg).find((c) => c.region === "us-east-1")!;
    expect(inspector.inputs["autoEnable"]).to.deep.equal({
      ec2: true,
      ecr: true,
      lambda: true,
      lambdaCode: true,
    });
  });

  it("with autoEnable NONE, leaves members alone and keeps the Security Hub policy to itself", async () => {
    const run = await runOrganization({ autoEnable: "NONE", enabledRegions: REGIONS });
    expect(memberEnablers(run.resources)).to.deep.equal([]);
    expect(
      run.ofType(T.gdOrg).every((c) => c.inputs["autoEnableOrganizationMembers"] === "NONE"),
    ).to.equal(true);
    expect(run.ofType(T.gdOrgFeature).every((f) => f.inputs["autoEnable"] === "NONE")).to.equal(
      true,
    );
    for (const configuration of run.ofType(T.inspectorOrg)) {
      expect(configuration.inputs["autoEnable"]).to.deep.equal({
        ec2: false,
        ecr: false,
        lambda: false,
        lambdaCode: false,
      });
    }
    expect(run.ofType(T.hubPolicyTarget).map((a) => a.inputs["targetId"])).to.deep.equal([
      SECURITY,
    ]);
  });

  it("warns that the management account has no default role when managementRoleArn is not set", async () => {
    const { warnings } = await runWithWarnings(3);
    const warning = warnings.find((w) => w.includes("managementRoleArn is not set"));
    expect(warning).to.include(`arn:aws:iam::${MANAGEMENT}:role/OrganizationAccountAccessRole`);
    expect(warning).to.include("not in the management account");
  });

  it("warns that autoEnable NEW still brings Security Hub to existing members", async () => {
    const { warnings } = await runWithWarnings(3, "NEW");
    expect(warnings.some((w) => w.includes("covers existing member accounts too"))).to.equal(true);
    const quiet = await runWithWarnings(3, "ALL");
    expect(quiet.warnings.some((w) => w.includes("existing member accounts too"))).to.equal(false);
  });
});
