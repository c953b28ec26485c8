import { expect } from "chai";
import { ConfigError, parseConfig } from "../../lib/config";
import { guardDutyFeatures } from "../../lib/guardDutyFeatures";
import {
  existingMemberAccountIds,
  guardDutyOrganizationFeatures,
  inspectorAutoEnable,
  organizationAccounts,
  partitionOfRegion,
} from "../../lib/organization";
import { configWith } from "../helpers/components";
import { toEngineConfig } from "../helpers/program";

const MANAGEMENT = "111111111111";
const SECURITY = "222222222222";

/** The problems a config is rejected with, or an empty list when it is accepted. */
function problemsOf(keys: Record<string, unknown>): readonly string[] {
  try {
    parseConfig(toEngineConfig({ "aws:region": "us-east-1", ...keys }));
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe("organization accounts and roles", () => {
  it("assumes OrganizationAccountAccessRole in each account when no role is configured", () => {
    const org = configWith({
      organization: { managementAccountId: MANAGEMENT, securityAccountId: SECURITY },
    }).organization!;
    expect(organizationAccounts(org, "aws")).to.deep.equal({
      management: {
        accountId: MANAGEMENT,
        roleArn: `arn:aws:iam::${MANAGEMENT}:role/OrganizationAccountAccessRole`,
      },
      security: {
        accountId: SECURITY,
        roleArn: `arn:aws:iam::${SECURITY}:role/OrganizationAccountAccessRole`,
      },
    });
  });

  it("assumes the configured role where one is given", () => {
    const securityRoleArn = `arn:aws:iam::${SECURITY}:role/platform/ThreatDetectionDeployer`;
    const org = configWith({
      organization: {
        managementAccountId: MANAGEMENT,
        securityAccountId: SECURITY,
        securityRoleArn,
      },
    }).organization!;
    const accounts = organizationAccounts(org, "aws");
    expect(accounts.security.roleArn).to.equal(securityRoleArn);
    expect(accounts.management.roleArn).to.equal(
      `arn:aws:iam::${MANAGEMENT}:role/OrganizationAccountAccessRole`,
    );
  });

  it("builds role ARNs in the partition of the home region", () => {
    expect(partitionOfRegion("eu-west-1")).to.equal("aws");
    expect(partitionOfRegion("cn-north-1")).to.equal("aws-cn");
    expect(partitionOfRegion("us-gov-west-1")).to.equal("aws-us-gov");
  });

  it("defaults autoEnable to ALL", () => {
    const org = configWith({
      organization: { managementAccountId: MANAGEMENT, securityAccountId: SECURITY },
    }).organization!;
    expect(org.autoEnable).to.equal("ALL");
  });
});

describe("organization config checks", () => {
  it("rejects a bad organization block naming every problem with its key", () => {
    const problems = problemsOf({
      organization: {
        managementAccountId: "1234",
        managementRoleArn: `arn:aws:iam::${SECURITY}:role/Deployer`,
        securityRoleArn: "Deployer",
        autoEnable: "SOME",
        members: ["333333333333"],
      },
    });
    const key = "aws-threat-detection:organization";
    expect(problems).to.include.members([
      `${key}.managementAccountId: an AWS account id is 12 digits`,
      `${key}.securityAccountId: required in organization mode`,
      `${key}.securityRoleArn: expected an IAM role ARN such as arn:aws:iam::123456789012:role/Name`,
      `${key}.autoEnable: expected one of ALL, NEW, NONE, got "SOME"`,
    ]);
    expect(problems.some((p) => p.startsWith(`${key}.members: unknown key`))).to.equal(true);
    expect(
      problems.some((p) =>
        p.startsWith(`${key}.managementRoleArn: is a role in account ${SECURITY}`),
      ),
    ).to.equal(true);
  });

  it("rejects a role that belongs to another account than the one it is for", () => {
    const problems = problemsOf({
      organization: {
        managementAccountId: MANAGEMENT,
        securityAccountId: SECURITY,
        securityRoleArn: `arn:aws:iam::${MANAGEMENT}:role/Deployer`,
      },
    });
    expect(problems).to.deep.equal([
      "aws-threat-detection:organization.securityRoleArn: is a role in account 111111111111, not " +
        "222222222222; the stack acts in each account through a role of that account",
    ]);
  });

  it("rejects delegating to the management account itself", () => {
    const problems = problemsOf({
      organization: { managementAccountId: MANAGEMENT, securityAccountId: MANAGEMENT },
    });
    expect(problems).to.have.length(1);
    expect(problems[0]).to.match(
      /^aws-threat-detection:organization\.securityAccountId: must differ/,
    );
  });
});

describe("what member accounts get", () => {
  const settings = configWith().guardDuty;

  it("gives members every GuardDuty plan the administrator has, for the configured members", () => {
    const features = guardDutyOrganizationFeatures(guardDutyFeatures(settings), "NEW");
    expect(features.map((f) => f.name)).to.deep.equal(
      guardDutyFeatures(settings).map((f) => f.name),
    );
    expect(features.every((f) => f.autoEnable === "NEW")).to.equal(true);
    expect(
      features.find((f) => f.name === "RUNTIME_MONITORING")!.additionalConfigurations,
    ).to.deep.equal([
      { name: "EKS_ADDON_MANAGEMENT", autoEnable: "NEW" },
      { name: "ECS_FARGATE_AGENT_MANAGEMENT", autoEnable: "NEW" },
      { name: "EC2_AGENT_MANAGEMENT", autoEnable: "NEW" },
    ]);
  });

  it("gives members none of a plan that config turns off, nor its agent settings", () => {
    const off = configWith({
      guardDuty: { runtimeMonitoring: false, s3DataEvents: false },
    }).guardDuty;
    const features = guardDutyOrganizationFeatures(guardDutyFeatures(off), "ALL");
    const byName = new Map(features.map((f) => [f.name, f]));
    expect(byName.get("S3_DATA_EVENTS")!.autoEnable).to.equal("NONE");
    expect(byName.get("EKS_AUDIT_LOGS")!.autoEnable).to.equal("ALL");
    const runtime = byName.get("RUNTIME_MONITORING")!;
    expect(runtime.autoEnable).to.equal("NONE");
    expect(runtime.additionalConfigurations.map((c) => c.autoEnable)).to.deep.equal([
      "NONE",
      "NONE",
      "NONE",
    ]);
  });

  it("auto-enables the region's Inspector scan types for new members unless autoEnable is NONE", () => {
    expect(inspectorAutoEnable(["EC2", "LAMBDA"], "ALL")).to.deep.equal({
      ec2: true,
      ecr: false,
      lambda: true,
      lambdaCode: false,
    });
    expect(inspectorAutoEnable(["EC2", "ECR", "LAMBDA", "LAMBDA_CODE"], "NONE")).to.deep.equal({
      ec2: false,
      ecr: false,
      lambda: false,
      lambdaCode: false,
    });
  });

  it("lists existing members as active accounts other than the administrator, sorted, once each", () => {
    const accounts = [
      { id: "444444444444", state: "ACTIVE" },
      { id: SECURITY, state: "ACTIVE" },
      { id: "555555555555", state: "SUSPENDED" },
      { id: MANAGEMENT, state: "ACTIVE" },
      { id: "666666666666", status: "ACTIVE" },
      { id: "777777777777", state: "PENDING_CLOSURE", status: "ACTIVE" },
      { id: "444444444444", state: "ACTIVE" },
    ];
    expect(existingMemberAccountIds(accounts, SECURITY)).to.deep.equal([
      MANAGEMENT,
      "444444444444",
      "666666666666",
    ]);
  });
});
