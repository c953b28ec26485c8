import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { InspectorResourceType } from "../lib/config";
import { INSPECTOR_ENABLE_MAX_ACCOUNTS, inspectorAutoEnable } from "../lib/organization";
import { Capability, SkippedCapability, isAvailable, unavailableReason } from "../lib/regions";
import { OrganizationArgs, designationOptions } from "./organization";

export interface InspectorArgs {
  readonly regions: readonly string[];
  /** Account that Inspector scans in each region. */
  readonly accountId: string;
  readonly resourceTypes: readonly InspectorResourceType[];
  /**
   * Organization mode: `accountId` is the delegated administrator; new members get the scan
   * types per `autoEnable`, and existing members too when it is ALL. Default: none.
   */
  readonly organization?: OrganizationArgs;
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
    return {
      types: [],
      skipped: [
        { region, capability: "inspector", reason: unavailableReason("inspector", region) },
      ],
    };
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

/**
 * Amazon Inspector in every covered region that offers it, for the configured resource types.
 * In organization mode no enabler mixes the administrator with members: an enabler holds the
 * administrator alone or members alone.
 */
export class Inspector extends pulumi.ComponentResource {
  /** The enabler of the component's own account (the administrator's in organization mode). */
  readonly enablers: Record<string, aws.inspector2.Enabler> = {};
  /** Organization mode: the management account's designation per region. */
  readonly designations: Record<string, aws.inspector2.DelegatedAdminAccount> = {};
  /** Organization mode with autoEnable ALL: the enabler of existing member accounts per region. */
  readonly memberEnablers: Record<string, aws.inspector2.Enabler> = {};
  readonly skipped: SkippedCapability[] = [];

  constructor(name: string, args: InspectorArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aws-threat-detection:inspector:Inspector", name, {}, opts);
    const organization = args.organization;
    const enableExistingMembers =
      organization !== undefined && this.enablesExistingMembers(organization);

    let previousDesignation: pulumi.Resource | undefined;
    for (const region of args.regions) {
      const { types, skipped } = inspectorTypesForRegion(args.resourceTypes, region);
      this.skipped.push(...skipped);
      if (types.length === 0) continue;
      if (organization === undefined) {
        this.enablers[region] = new aws.inspector2.Enabler(
          `${name}-${region}`,
          { region, accountIds: [args.accountId], resourceTypes: types },
          { parent: this, customTimeouts: INSPECTOR_TIMEOUTS },
        );
        continue;
      }

      // Order the API requires: designation, the administrator's own scans, then members.
      // https://docs.aws.amazon.com/inspector/latest/user/designating-admin.html
      const designation = new aws.inspector2.DelegatedAdminAccount(
        `${name}-${region}-admin`,
        { region, accountId: organization.securityAccountId },
        designationOptions(this, organization, [], previousDesignation),
      );
      this.designations[region] = designation;
      previousDesignation = designation;
      const adminEnabler = new aws.inspector2.Enabler(
        `${name}-${region}`,
        { region, accountIds: [args.accountId], resourceTypes: types },
        { parent: this, customTimeouts: INSPECTOR_TIMEOUTS, dependsOn: [designation] },
      );
      this.enablers[region] = adminEnabler;
      const configuration = new aws.inspector2.OrganizationConfiguration(
        `${name}-${region}-org`,
        { region, autoEnable: inspectorAutoEnable(types, organization.autoEnable) },
        { parent: this, customTimeouts: INSPECTOR_TIMEOUTS, dependsOn: [adminEnabler] },
      );
      if (enableExistingMembers) {
        this.memberEnablers[region] = new aws.inspector2.Enabler(
          `${name}-${region}-members`,
          { region, accountIds: [...organization.memberAccountIds], resourceTypes: types },
          { parent: this, customTimeouts: INSPECTOR_TIMEOUTS, dependsOn: [configuration] },
        );
      }
    }

    this.registerOutputs({});
  }

  /**
   * Inspector's auto-enable covers accounts that join later; existing members are enabled by
   * one enabler per region listing them. Its `Enable` call takes at most 100 accounts, and one
   * enabler per batch would make the stack grow with the organization, so a larger organization
   * gets a warning instead and its existing members are activated once by hand.
   */
  private enablesExistingMembers(organization: OrganizationArgs): boolean {
    if (organization.autoEnable !== "ALL" || organization.memberAccountIds.length === 0)
      return false;
    if (organization.memberAccountIds.length <= INSPECTOR_ENABLE_MAX_ACCOUNTS) return true;
    pulumi.log.warn(
      `The organization has ${organization.memberAccountIds.length} member accounts, more than the ` +
        `${INSPECTOR_ENABLE_MAX_ACCOUNTS} Inspector enables in one call: accounts that join from now ` +
        "on are enabled automatically; activate existing members once in the Inspector console " +
        "(Account management, select all, Activate). See docs/organization.md.",
      this,
    );
    return false;
  }
}
