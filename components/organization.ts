import * as pulumi from "@pulumi/pulumi";
import { AutoEnableMode } from "../lib/config";

/**
 * The organization part of a service component. Without it a component covers its own account;
 * with it, the component's account (the security account, through the component's provider) is
 * the delegated administrator, and the management account designates it.
 */
export interface OrganizationArgs {
  /** Provider that acts in the management account; only designations are made through it. */
  readonly managementProvider: pulumi.ProviderResource;
  readonly managementAccountId: string;
  /** The delegated administrator, where every other resource of the stack lives. */
  readonly securityAccountId: string;
  /** Which member accounts get detection: ALL (existing and new), NEW or NONE. */
  readonly autoEnable: AutoEnableMode;
  /** The organization's id (`o-...`): the trail's log prefix and the bus policy's condition. */
  readonly organizationId: string;
  /** The organization's root (`r-...`), target of the Security Hub configuration policy. */
  readonly rootId: string;
  /**
   * Active accounts other than the security account, read when the stack is deployed; only
   * Inspector needs them, to enable existing members (its auto-enable covers new ones only).
   */
  readonly memberAccountIds: readonly string[];
}

/**
 * Options for a delegated-administrator designation: made from the management account, after
 * what it needs in the security account, and after the previous region's designation of the same
 * service, because AWS throttles and fails designations made in parallel.
 */
export function designationOptions(
  parent: pulumi.Resource,
  organization: OrganizationArgs,
  needs: readonly pulumi.Resource[],
  previous: pulumi.Resource | undefined,
): pulumi.CustomResourceOptions {
  return {
    parent,
    provider: organization.managementProvider,
    dependsOn: previous ? [...needs, previous] : [...needs],
  };
}
