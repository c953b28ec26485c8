import { expect } from "chai";
import * as path from "path";
import { accountRows } from "../../tools/planAccounts";
import { regionRows, renderPlan } from "../../tools/planReport";
import { Plan, planStack } from "../../tools/planStack";

const PROJECT_DIR = path.resolve(__dirname, "../..");

describe("the plan of the organization example (Pulumi.prod.yaml)", function () {
  // Plans the whole organization stack under the mocks for the 17 default regions.
  this.timeout(120_000);
  let plan: Plan;
  before(async () => {
    plan = await planStack({ projectDir: PROJECT_DIR, stack: "prod" });
  });

  it("is an organization plan of the 17 default regions through two providers", () => {
    expect(plan.mode).to.equal("organization");
    expect(plan.regions).to.have.length(17);
    const providers = plan.resources.filter((r) => r.type.startsWith("pulumi:providers:"));
    expect(providers.map((p) => p.name).sort()).to.deep.equal(["management", "security"]);
  });

  it("records the account of every resource", () => {
    const custom = plan.resources.filter(
      (r) => r.custom && !r.type.startsWith("pulumi:providers:"),
    );
    expect(new Set(custom.map((r) => r.account))).to.deep.equal(
      new Set(["111111111111", "222222222222"]),
    );
  });

  it("shows each account with its role and its designations", () => {
    const rows = accountRows(plan);
    expect(rows.map(([account, role]) => [account, role])).to.deep.equal([
      ["111111111111", "management"],
      ["222222222222", "security (delegated administrator)"],
    ]);
    // GuardDuty and Inspector in 17 regions each, Security Hub in the home region.
    expect(rows[0][3]).to.equal("35");
    expect(rows[1][3]).to.equal("-");
    expect(renderPlan(plan)).to.match(/^111111111111 +management +\d+ +35$/m);
  });

  it("shows per region, in a last column, which services the management account designates", () => {
    const rows = regionRows(plan);
    const designated = (row: string[]) => row[row.length - 1];
    expect(rows[0][0]).to.equal("us-east-1 (home)");
    expect(designated(rows[0])).to.equal("GuardDuty Inspector SecurityHub");
    expect(rows.slice(1).map(designated)).to.deep.equal(Array(16).fill("GuardDuty Inspector"));
    expect(renderPlan(plan)).to.include("Designated by management");
  });

  it("shows the standards of the central configuration policy and Inspector's member enabler", () => {
    const home = regionRows(plan)[0];
    expect(home[2]).to.equal("EC2 ECR LAMBDA LAMBDA_CODE + members");
    expect(home[3]).to.equal("on, fsbp cis-3.0 (central policy) + aggregator");
  });
});

describe("the plan of the single-account example (Pulumi.single.yaml)", function () {
  this.timeout(120_000);
  let plan: Plan;
  before(async () => {
    plan = await planStack({ projectDir: PROJECT_DIR, stack: "single" });
  });

  it("is a single-account plan with one account and no designation column", () => {
    expect(plan.mode).to.equal("single-account");
    expect(accountRows(plan).map((row) => [row[0], row[1], row[3]])).to.deep.equal([
      ["123456789012", "the account", "-"],
    ]);
    expect(regionRows(plan).every((row) => !row.includes("GuardDuty Inspector"))).to.equal(true);
    expect(renderPlan(plan)).not.to.include("Designated by management");
  });
});
