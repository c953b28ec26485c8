import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecurityHubStandardKey, securityHubStandardArn } from "../lib/arns";
import { SkippedCapability, isAvailable, unavailableReason } from "../lib/regions";

export interface SecurityHubArgs {
  readonly regions: readonly string[];
  /** Region of the one finding aggregator; must be one of `regions`. */
  readonly homeRegion: string;
  readonly partition: string;
  readonly standards: readonly SecurityHubStandardKey[];
  /** Keep the hub accounts, and so their findings, on `pulumi destroy`. */
  readonly retainOnDelete: boolean;
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

  constructor(name: string, args: SecurityHubArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aws-threat-detection:securityhub:SecurityHub", name, {}, opts);

    for (const region of args.regions) {
      if (!isAvailable("securityhub", region)) {
        this.skipped.push({ region, capability: "securityhub", reason: unavailableReason("securityhub", region) });
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

      for (const standard of args.standards) {
        new aws.securityhub.StandardsSubscription(
          `${name}-${region}-${standard}`,
          { region, standardsArn: securityHubStandardArn(standard, { partition: args.partition, region }) },
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

    this.registerOutputs({ hubArns: this.hubArns });
  }
}
