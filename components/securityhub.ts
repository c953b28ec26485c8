import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecurityHubStandardKey, securityHubStandardArn } from "../lib/arns";
import { SkippedCapability, isAvailable, unavailableReason } from "../lib/regions";
import { OrganizationArgs, designationOptions } from "./organization";

export interface SecurityHubArgs {
  readonly regions: readonly string[];
  /** Region of the one finding aggregator; must be one of `regions`. */
  readonly homeRegion: string;
  readonly partition: string;
  readonly standards: readonly SecurityHubStandardKey[];
  /** Keep the hub accounts, and so their findings, on `pulumi destroy`. */
  readonly retainOnDelete: boolean;
  /**
   * Organization mode: central configuration from the home region, with one configuration policy
   * (the standards, every control) for the whole organization. Default: none.
   */
  readonly organization?: OrganizationArgs;
}

/**
 * AWS Security Hub in every covered region: default standards off (they would be enabled again
 * outside the program's control), consolidated control findings (one finding per control rather
 * than one per standard), the configured standards, and one finding aggregator in the home region.
 */
export class SecurityHub extends pulumi.ComponentResource {
  readonly accounts: Record<string, aws.securityhub.Account> = {};
  /** Hub ARN per region. */
  readonly hubArns: Record<string, pulumi.Output<string>> = {};
  readonly aggregator: aws.securityhub.FindingAggregator;
  readonly skipped: SkippedCapability[] = [];
  /** Organization mode: the central configuration policy and its designation. */
  readonly designation?: aws.securityhub.OrganizationAdminAccount;
  readonly configurationPolicy?: aws.securityhub.ConfigurationPolicy;

  constructor(name: string, args: SecurityHubArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aws-threat-detection:securityhub:SecurityHub", name, {}, opts);

    for (const region of args.regions) {
      if (!isAvailable("securityhub", region)) {
        this.skipped.push({
          region,
          capability: "securityhub",
          reason: unavailableReason("securityhub", region),
        });
        continue;
      }
      const account = new aws.securityhub.Account(
        `${name}-${region}`,
        {
          region,
          enableDefaultStandards: false,
          controlFindingGenerator: "SECURITY_CONTROL",
          autoEnableControls: true,
        },
        { parent: this, retainOnDelete: args.retainOnDelete },
      );
      this.accounts[region] = account;
      this.hubArns[region] = account.arn;

      // In organization mode the configuration policy sets the standards, for this account too.
      if (args.organization) continue;
      for (const standard of args.standards) {
        new aws.securityhub.StandardsSubscription(
          `${name}-${region}-${standard}`,
          {
            region,
            standardsArn: securityHubStandardArn(standard, { partition: args.partition, region }),
          },
          { parent: this, dependsOn: [account] },
        );
      }
    }

    const linked = Object.keys(this.accounts).filter((r) => r !== args.homeRegion);
    this.aggregator = new aws.securityhub.FindingAggregator(
      `${name}-aggregator`,
      linked.length > 0
        ? { region: args.homeRegion, linkingMode: "SPECIFIED_REGIONS", specifiedRegions: linked }
        : { region: args.homeRegion, linkingMode: "NO_REGIONS" },
      { parent: this, dependsOn: Object.values(this.accounts) },
    );

    if (args.organization) {
      const [designation, policy] = this.configureCentrally(name, args, args.organization);
      this.designation = designation;
      this.configurationPolicy = policy;
    }

    this.registerOutputs({ hubArns: this.hubArns });
  }

  /**
   * Central configuration: designated in the home region only (Security Hub sets the same
   * administrator in every linked region), then the organization configuration, which needs the
   * finding aggregator, then the policy and its association. Auto-enable is off because the
   * policy decides, and CENTRAL rejects anything else.
   * https://docs.aws.amazon.com/securityhub/latest/userguide/start-central-configuration.html
   */
  private configureCentrally(
    name: string,
    args: SecurityHubArgs,
    organization: OrganizationArgs,
  ): [aws.securityhub.OrganizationAdminAccount, aws.securityhub.ConfigurationPolicy] {
    const region = args.homeRegion;
    const homeHub = this.accounts[region];
    if (homeHub === undefined) {
      throw new Error(
        `Security Hub central configuration needs Security Hub in the home region ${region}`,
      );
    }
    const designation = new aws.securityhub.OrganizationAdminAccount(
      `${name}-admin`,
      { region, adminAccountId: organization.securityAccountId },
      designationOptions(this, organization, [homeHub], undefined),
    );
    const configuration = new aws.securityhub.OrganizationConfiguration(
      `${name}-org`,
      {
        region,
        autoEnable: false,
        autoEnableStandards: "NONE",
        organizationConfiguration: { configurationType: "CENTRAL" },
      },
      { parent: this, dependsOn: [designation, this.aggregator] },
    );
    const policy = new aws.securityhub.ConfigurationPolicy(
      `${name}-policy`,
      {
        region,
        description:
          "aws-threat-detection: Security Hub, the configured standards and every control",
        configurationPolicy: {
          serviceEnabled: true,
          enabledStandardArns: args.standards.map((standard) =>
            securityHubStandardArn(standard, { partition: args.partition, region }),
          ),
          // No control disabled: every control of the standards, new ones included, is on.
          securityControlsConfiguration: { disabledControlIdentifiers: [] },
        },
      },
      { parent: this, dependsOn: [configuration] },
    );
    if (organization.autoEnable === "NEW") {
      pulumi.log.warn(
        "organization.autoEnable is NEW, but Security Hub central configuration has no " +
          "new-accounts-only setting: its policy covers existing member accounts too.",
        this,
      );
    }
    // With NONE, members are left alone: the policy covers the security account only.
    const targetId =
      organization.autoEnable === "NONE" ? organization.securityAccountId : organization.rootId;
    new aws.securityhub.ConfigurationPolicyAssociation(
      `${name}-policy-target`,
      { region, policyId: policy.id, targetId },
      { parent: this, dependsOn: [policy] },
    );
    return [designation, policy];
  }
}
