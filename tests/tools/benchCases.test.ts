import { expect } from "chai";
import { join } from "path";
import { benchCases, median, organizationModeMissing } from "../../tools/benchCases";
import { hostTsNodeOptions } from "../../tools/benchStartup";

const PROJECT_DIR = join(__dirname, "..", "..");

describe("the benchmark's cases", () => {
  it("covers 1, 17 and 34 enabled regions in single-account mode, then in organization mode", () => {
    const cases = benchCases(PROJECT_DIR);
    expect(cases.map((c) => `${c.mode} ${c.enabledRegions.length}`)).to.deep.equal([
      "single-account 1",
      "single-account 17",
      "single-account 34",
      "organization 1",
      "organization 17",
      "organization 34",
    ]);
    expect(cases[0].enabledRegions).to.deep.equal(["us-east-1"]);
  });

  it("adds the organization block only to organization-mode cases", () => {
    const [single, , , organization] = benchCases(PROJECT_DIR);
    expect(single.config).to.not.have.property("aws-threat-detection:organization");
    const block = JSON.parse(organization.config["aws-threat-detection:organization"]);
    expect(block.managementAccountId).to.not.equal(block.securityAccountId);
  });

  it("says an organization run without organization resources does not show organization mode", () => {
    expect(organizationModeMissing([{ type: "aws:guardduty/detector:Detector" }])).to.match(
      /does not implement aws-threat-detection:organization/,
    );
    const designated = [
      { type: "aws:guardduty/organizationAdminAccount:OrganizationAdminAccount" },
    ];
    expect(organizationModeMissing(designated)).to.equal(undefined);
  });

  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([5, 1, 3])).to.equal(3);
    expect(median([4, 1, 3, 2])).to.equal(2.5);
    expect(() => median([])).to.throw("median of no values");
  });
});

describe("ts-node options as the Pulumi host builds them", () => {
  const tsconfig = join(PROJECT_DIR, "tsconfig.json");

  it("transpiles only, with the project's compiler options over the host's defaults", () => {
    const options = hostTsNodeOptions(tsconfig, "transpile-only");
    expect(options.transpileOnly).to.equal(true);
    expect(options.compilerOptions).to.include({
      module: "commonjs",
      noCheck: true,
      sourceMap: "true",
    });
  });

  it("type-checks as a project without noCheck would, turning TypeScript's noCheck off too", () => {
    const options = hostTsNodeOptions(tsconfig, "type-check");
    expect(options.transpileOnly).to.equal(false);
    expect(options.compilerOptions).to.include({ module: "commonjs", noCheck: false });
  });
});
