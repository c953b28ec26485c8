/**
 * aws-threat-detection: GuardDuty, Inspector and Security Hub in every region an account has
 * enabled, with their findings sent to people. Config is validated before anything is created.
 * With the `organization` block, one stack covers every account of an AWS Organization.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BaselineOutputs, ThreatDetectionBaseline } from "./components/baseline";
import {
  CONFIG_NAMESPACE,
  OrganizationConfig,
  ThreatDetectionConfig,
  parseConfig,
} from "./lib/config";
import {
  OrganizationAccount,
  existingMemberAccountIds,
  organizationAccounts,
  partitionOfRegion,
} from "./lib/organization";
import { ENABLED_OPT_IN_STATUSES, selectCoveredRegions } from "./lib/regions";

/** The regions this account can use, as AWS reports them at deploy time. */
async function discoverEnabledRegions(provider: aws.Provider): Promise<string[]> {
  const result = await aws.getRegions(
    {
      allRegions: true,
      filters: [{ name: "opt-in-status", values: [...ENABLED_OPT_IN_STATUSES] }],
    },
    { provider },
  );
  return result.names;
}

/** The regions config asks for, among those the account has enabled; home region first. */
function coveredRegions(config: ThreatDetectionConfig, enabled: readonly string[]): string[] {
  return selectCoveredRegions({
    enabled,
    explicit: config.regions,
    exclude: config.excludeRegions,
    homeRegion: config.homeRegion,
  });
}

/** What the program exports: the baseline's outputs and, in organization mode, its accounts. */
interface ProgramOutputs extends BaselineOutputs {
  organization?: { managementAccountId: string; securityAccountId: string; rootId: string };
}

async function deploySingleAccount(config: ThreatDetectionConfig): Promise<ProgramOutputs> {
  // One provider for the account; every regional resource names its own region (@pulumi/aws v7).
  const provider = new aws.Provider("account", {
    region: config.homeRegion as aws.Region,
    profile: new pulumi.Config("aws").get("profile"),
  });
  const [identity, partition, enabled] = await Promise.all([
    aws.getCallerIdentity({}, { provider }),
    aws.getPartition({}, { provider }),
    discoverEnabledRegions(provider),
  ]);
  const regions = coveredRegions(config, enabled);
  const baseline = new ThreatDetectionBaseline(
    "detect",
    { config, regions, accountId: identity.accountId, partition: partition.partition },
    { provider },
  );
  return baseline.outputs;
}

/**
 * One provider per account, each assuming its role there: the management account only designates
 * the security account, which owns every other resource, alerts included (member findings
 * arrive there). Account ids come from config, so no caller identity is needed.
 */
async function deployOrganization(
  config: ThreatDetectionConfig,
  org: OrganizationConfig,
): Promise<ProgramOutputs> {
  const partition = partitionOfRegion(config.homeRegion);
  const accounts = organizationAccounts(org, partition);
  const profile = new pulumi.Config("aws").get("profile");
  const providerIn = (name: string, account: OrganizationAccount) =>
    new aws.Provider(name, {
      region: config.homeRegion as aws.Region,
      profile,
      assumeRoles: [{ roleArn: account.roleArn, sessionName: "aws-threat-detection" }],
    });
  const management = providerIn("management", accounts.management);
  if (org.managementRoleArn === undefined) {
    pulumi.log.warn(
      `${CONFIG_NAMESPACE}:organization.managementRoleArn is not set, so the deployer assumes ` +
        `${accounts.management.roleArn}. AWS creates that role only in the accounts it creates, not in ` +
        "the management account: create it there or set managementRoleArn.",
      management,
    );
  }
  const security = providerIn("security", accounts.security);

  const [organization, enabled] = await Promise.all([
    aws.organizations.getOrganization({}, { provider: management }),
    discoverEnabledRegions(security),
  ]);
  const rootId = organization.roots[0]?.id;
  if (organization.masterAccountId !== org.managementAccountId || rootId === undefined) {
    throw new Error(
      `The role ${accounts.management.roleArn} acts in the organization managed by ` +
        `${organization.masterAccountId}, not ${org.managementAccountId}; check ` +
        "aws-threat-detection:organization.managementAccountId and managementRoleArn.",
    );
  }
  if (!organization.accounts.some((account) => account.id === org.securityAccountId)) {
    throw new Error(
      `The security account ${org.securityAccountId} is not a member of organization ` +
        `${organization.id}; check aws-threat-detection:organization.securityAccountId.`,
    );
  }
  const regions = coveredRegions(config, enabled);
  const baseline = new ThreatDetectionBaseline(
    "detect",
    {
      config,
      regions,
      accountId: org.securityAccountId,
      partition,
      organization: {
        managementProvider: management,
        managementAccountId: org.managementAccountId,
        securityAccountId: org.securityAccountId,
        autoEnable: org.autoEnable,
        organizationId: organization.id,
        rootId,
        memberAccountIds: existingMemberAccountIds(organization.accounts, org.securityAccountId),
      },
    },
    { provider: security },
  );
  const { managementAccountId, securityAccountId } = org;
  return { ...baseline.outputs, organization: { managementAccountId, securityAccountId, rootId } };
}

/** The program. It is the module's only export: Pulumi awaits it and exports what it returns. */
export default async function main(): Promise<ProgramOutputs> {
  const config = parseConfig(pulumi.runtime.allConfig());
  return config.organization === undefined
    ? deploySingleAccount(config)
    : deployOrganization(config, config.organization);
}
