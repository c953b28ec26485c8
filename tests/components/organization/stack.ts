/** An organization stack for tests: two accounts, the program run under the mocks. */
import { AutoEnableMode } from "../../../lib/config";
import { PlannedResource } from "../../../tools/mockRuntime";
import { BASE_CONFIG, TestRun, runProgram } from "../../helpers/program";

export const MANAGEMENT = "111111111111";
export const SECURITY = "222222222222";

export const T = {
  provider: "pulumi:providers:aws",
  detector: "aws:guardduty/detector:Detector",
  gdAdmin: "aws:guardduty/organizationAdminAccount:OrganizationAdminAccount",
  gdOrg: "aws:guardduty/organizationConfiguration:OrganizationConfiguration",
  gdOrgFeature: "aws:guardduty/organizationConfigurationFeature:OrganizationConfigurationFeature",
  inspectorAdmin: "aws:inspector2/delegatedAdminAccount:DelegatedAdminAccount",
  enabler: "aws:inspector2/enabler:Enabler",
  inspectorOrg: "aws:inspector2/organizationConfiguration:OrganizationConfiguration",
  hub: "aws:securityhub/account:Account",
  hubAdmin: "aws:securityhub/organizationAdminAccount:OrganizationAdminAccount",
  hubOrg: "aws:securityhub/organizationConfiguration:OrganizationConfiguration",
  hubPolicy: "aws:securityhub/configurationPolicy:ConfigurationPolicy",
  hubPolicyTarget: "aws:securityhub/configurationPolicyAssociation:ConfigurationPolicyAssociation",
  aggregator: "aws:securityhub/findingAggregator:FindingAggregator",
  standard: "aws:securityhub/standardsSubscription:StandardsSubscription",
} as const;

/** Resource types made from the management account: the delegated-administrator designations. */
export const DESIGNATION_TYPES: readonly string[] = [T.gdAdmin, T.inspectorAdmin, T.hubAdmin];

export interface OrganizationRunOptions {
  readonly autoEnable?: AutoEnableMode;
  readonly enabledRegions?: readonly string[];
  /** Generated member accounts in the mocks' organization; default 3. */
  readonly memberCount?: number;
  readonly extraConfig?: Record<string, unknown>;
}

export function runOrganization(options: OrganizationRunOptions = {}): Promise<TestRun> {
  return runProgram({
    config: {
      ...BASE_CONFIG,
      organization: {
        managementAccountId: MANAGEMENT,
        securityAccountId: SECURITY,
        ...(options.autoEnable ? { autoEnable: options.autoEnable } : {}),
      },
      ...options.extraConfig,
    },
    enabledRegions: options.enabledRegions,
    organizationMemberCount: options.memberCount ?? 3,
  });
}

/** Custom resources other than providers. */
export function serviceResources(run: TestRun): PlannedResource[] {
  return run.resources.filter((r) => r.custom && r.type !== T.provider);
}

/** The one resource of a type in a region; fails when there is not exactly one. */
export function oneIn(run: TestRun, type: string, region: string): PlannedResource {
  const found = run.ofType(type).filter((r) => r.region === region);
  if (found.length !== 1)
    throw new Error(`expected one ${type} in ${region}, found ${found.length}`);
  return found[0];
}
