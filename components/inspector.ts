import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { InspectorResourceType } from "../lib/config";
import { Capability, SkippedCapability, isAvailable, unavailableReason } from "../lib/regions";

export interface InspectorArgs {
  readonly regions: readonly string[];
  /** Account that Inspector scans in each region. */
  readonly accountId: string;
  readonly resourceTypes: readonly InspectorResourceType[];
}

/**
 * Enabling or disabling Inspector takes minutes per region while AWS provisions scanning; the
 * provider's five-minute default fails deployments that would have succeeded.
 */
export const INSPECTOR_TIMEOUTS: pulumi.CustomTimeouts = {
  create: "20m",
  update: "20m",
  delete: "20m",
};

/** The resource types Inspector can scan in a region, and the ones it cannot with the reason. */
export function inspectorTypesForRegion(
  resourceTypes: readonly InspectorResourceType[],
  region: string,
): { types: InspectorResourceType[]; skipped: SkippedCapability[] } {
  if (!isAvailable("inspector", region)) {
    return { types: [], skipped: [{ region, capability: "inspector", reason: unavailableReason("inspector", region) }] };
  }
  const types: InspectorResourceType[] = [];
  const skipped: SkippedCapability[] = [];
  for (const type of resourceTypes) {
    const capability = `inspector:${type}` as Capability;
    if (isAvailable(capability, region)) types.push(type);
    else skipped.push({ region, capability, reason: unavailableReason(capability, region) });
  }
  return { types, skipped };
}

/** Amazon Inspector in every covered region that offers it, for the configured resource types. */
export class Inspector extends pulumi.ComponentResource {
  readonly enablers: Record<string, aws.inspector2.Enabler> = {};
  readonly skipped: SkippedCapability[] = [];

  constructor(name: string, args: InspectorArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aws-threat-detection:inspector:Inspector", name, {}, opts);

    for (const region of args.regions) {
      const { types, skipped } = inspectorTypesForRegion(args.resourceTypes, region);
      this.skipped.push(...skipped);
      if (types.length === 0) continue;
      this.enablers[region] = new aws.inspector2.Enabler(
        `${name}-${region}`,
        { region, accountIds: [args.accountId], resourceTypes: types },
        { parent: this, customTimeouts: INSPECTOR_TIMEOUTS },
      );
    }

    this.registerOutputs({});
  }
}
