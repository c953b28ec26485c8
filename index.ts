/**
 * aws-threat-detection: GuardDuty, Inspector and Security Hub in every region an account has
 * enabled, with their findings sent to people. Config is validated before anything is created.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BaselineOutputs, ThreatDetectionBaseline } from "./components/baseline";
import { ThreatDetectionConfig, parseConfig } from "./lib/config";
import { ENABLED_OPT_IN_STATUSES, selectCoveredRegions } from "./lib/regions";

/** The regions this account can use, as AWS reports them at deploy time. */
async function discoverEnabledRegions(provider: aws.Provider): Promise<string[]> {
  const result = await aws.getRegions(
    { allRegions: true, filters: [{ name: "opt-in-status", values: [...ENABLED_OPT_IN_STATUSES] }] },
    { provider },
  );
  return result.names;
}

async function deploySingleAccount(config: ThreatDetectionConfig): Promise<BaselineOutputs> {
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
  const regions = selectCoveredRegions({
    enabled,
    explicit: config.regions,
    exclude: config.excludeRegions,
    homeRegion: config.homeRegion,
  });
  const baseline = new ThreatDetectionBaseline(
    "detect",
    { config, regions, accountId: identity.accountId, partition: partition.partition },
    { provider },
  );
  return baseline.outputs;
}

/** The program. It is the module's only export: Pulumi awaits it and exports what it returns. */
export default async function main(): Promise<BaselineOutputs> {
  const config = parseConfig(pulumi.runtime.allConfig());
  return deploySingleAccount(config);
}
