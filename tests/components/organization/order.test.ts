import { expect } from "chai";
import { PlannedResource } from "../../../tools/mockRuntime";
import { TestRun } from "../../helpers/program";
import { SECURITY, T, oneIn, runOrganization } from "./stack";

/** Asserts that `later` waits for every one of `earlier`, through its recorded dependsOn URNs. */
function expectAfter(later: PlannedResource, ...earlier: PlannedResource[]): void {
  for (const first of earlier) {
    expect(later.dependsOn, `${later.name} waits for ${first.name}`).to.include(first.urn);
  }
}

/** Designations of one type in the order the program made them, with the region of each. */
function designationsInOrder(run: TestRun, type: string): PlannedResource[] {
  const regions = run.outputs["coveredRegions"] as string[];
  return regions.flatMap((region) => run.ofType(type).filter((r) => r.region === region));
}

describe("organization mode: the order AWS requires", function () {
  // Evaluating the whole program under the mocks for 17 regions takes seconds.
  this.timeout(120_000);

  let run: TestRun;
  let regions: string[];
  before(async () => {
    run = await runOrganization();
    regions = run.outputs["coveredRegions"] as string[];
  });

  it("designates for GuardDuty after the security account's own detector, in every region", () => {
    for (const region of regions) {
      expectAfter(oneIn(run, T.gdAdmin, region), oneIn(run, T.detector, region));
    }
  });

  it("configures GuardDuty members after the designation, then each plan after that", () => {
    for (const region of regions) {
      const configuration = oneIn(run, T.gdOrg, region);
      expectAfter(configuration, oneIn(run, T.gdAdmin, region));
      expect(configuration.inputs["autoEnableOrganizationMembers"]).to.equal("ALL");
      expect(configuration.inputs).not.to.have.property("autoEnable");
      const features = run.ofType(T.gdOrgFeature).filter((f) => f.region === region);
      expect(features).to.have.length(6);
      for (const feature of features) expectAfter(feature, configuration);
    }
  });

  it("enables Inspector for the security account alone after the designation", () => {
    for (const region of regions) {
      const admin = run
        .ofType(T.enabler)
        .find((e) => e.region === region && e.name.endsWith(region))!;
      expect(admin.inputs["accountIds"]).to.deep.equal([SECURITY]);
      expectAfter(admin, oneIn(run, T.inspectorAdmin, region));
    }
  });

  it("configures Inspector members after the administrator's enabler, existing members last", () => {
    for (const region of regions) {
      const [admin, members] = ["", "-members"].map((suffix) =>
        run
          .ofType(T.enabler)
          .find((e) => e.region === region && e.name.endsWith(`${region}${suffix}`))!,
      );
      const configuration = oneIn(run, T.inspectorOrg, region);
      expectAfter(configuration, admin);
      expectAfter(members, configuration);
      expect(members.inputs["accountIds"]).not.to.include(SECURITY);
      expect(members.inputs["resourceTypes"]).to.deep.equal(admin.inputs["resourceTypes"]);
    }
  });

  it("sets up Security Hub central configuration step by step in the home region", () => {
    const home = "us-east-1";
    const designation = oneIn(run, T.hubAdmin, home);
    expectAfter(designation, oneIn(run, T.hub, home));
    const configuration = oneIn(run, T.hubOrg, home);
    expectAfter(configuration, designation, oneIn(run, T.aggregator, home));
    const policy = oneIn(run, T.hubPolicy, home);
    expectAfter(policy, configuration);
    expectAfter(oneIn(run, T.hubPolicyTarget, home), policy);
  });

  for (const type of [T.gdAdmin, T.inspectorAdmin]) {
    it(`makes ${type.split(":").pop()} designations one region after another`, () => {
      const designations = designationsInOrder(run, type);
      expect(designations).to.have.length(regions.length);
      const urns = new Set(designations.map((d) => d.urn));
      designations.forEach((designation, index) => {
        const waitsFor = designation.dependsOn.filter((urn) => urns.has(urn));
        expect(waitsFor, designation.name).to.deep.equal(
          index === 0 ? [] : [designations[index - 1].urn],
        );
      });
    });
  }
});
