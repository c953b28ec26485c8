/**
 * Organization mode as data: the two accounts the stack acts in and the role it assumes in each,
 * and what member accounts get from GuardDuty and Inspector for an `autoEnable` setting.
 */
import { AutoEnableMode, InspectorResourceType, OrganizationConfig } from "./config/schema";
import { GuardDutyFeature } from "./guardDutyFeatures";

/** The role AWS Organizations creates in every account it creates; used when none is configured. */
export const DEFAULT_ORGANIZATION_ROLE = "OrganizationAccountAccessRole";

/**
 * Inspector's `Enable` call takes at most 100 account ids.
 * https://docs.aws.amazon.com/inspector/v2/APIReference/API_Enable.html
 */
export const INSPECTOR_ENABLE_MAX_ACCOUNTS = 100;

/** The partition a region belongs to, for ARNs built before any provider can be asked. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export function organizationRoleArn(
  partition: string,
  accountId: string,
  roleArn?: string,
): string {
  return roleArn ?? `arn:${partition}:iam::${accountId}:role/${DEFAULT_ORGANIZATION_ROLE}`;
}

export interface OrganizationAccount {
  readonly accountId: string;
  /** The role the deployer assumes there. */
  readonly roleArn: string;
}

/** The management account (designations only) and the security account (everything else). */
export interface OrganizationAccounts {
  readonly management: OrganizationAccount;
  readonly security: OrganizationAccount;
}

export function organizationAccounts(
  org: OrganizationConfig,
  partition: string,
): OrganizationAccounts {
  return {
    management: {
      accountId: org.managementAccountId,
      roleArn: organizationRoleArn(partition, org.managementAccountId, org.managementRoleArn),
    },
    security: {
      accountId: org.securityAccountId,
      roleArn: organizationRoleArn(partition, org.securityAccountId, org.securityRoleArn),
    },
  };
}

/** A protection plan as the organization configuration sets it for member accounts. */
export interface GuardDutyOrganizationFeature {
  readonly name: string;
  readonly autoEnable: AutoEnableMode;
  readonly additionalConfigurations: { name: string; autoEnable: AutoEnableMode }[];
}

/**
 * Member accounts get each plan the delegated administrator has on, for the configured members
 * (ALL, NEW or NONE); a plan that config turns off is NONE for members too.
 */
export function guardDutyOrganizationFeatures(
  features: readonly GuardDutyFeature[],
  mode: AutoEnableMode,
): GuardDutyOrganizationFeature[] {
  const forMembers = (status: GuardDutyFeature["status"]): AutoEnableMode =>
    status === "ENABLED" ? mode : "NONE";
  return features.map((feature) => ({
    name: feature.name,
    autoEnable: forMembers(feature.status),
    additionalConfigurations: feature.additionalConfigurations.map((extra) => ({
      name: extra.name,
      autoEnable: feature.status === "ENABLED" ? forMembers(extra.status) : "NONE",
    })),
  }));
}

/** Inspector's organization `autoEnable` block: the scan types new member accounts get. */
export interface InspectorAutoEnable {
  readonly ec2: boolean;
  readonly ecr: boolean;
  readonly lambda: boolean;
  readonly lambdaCode: boolean;
}

export function inspectorAutoEnable(
  types: readonly InspectorResourceType[],
  mode: AutoEnableMode,
): InspectorAutoEnable {
  const on = (type: InspectorResourceType) => mode !== "NONE" && types.includes(type);
  return { ec2: on("EC2"), ecr: on("ECR"), lambda: on("LAMBDA"), lambdaCode: on("LAMBDA_CODE") };
}

/** An account as `organizations:ListAccounts` reports it (the fields used here). */
export interface OrganizationMemberAccount {
  readonly id: string;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE or CLOSED. */
  readonly state?: string;
  /** The older field for the same thing; read when `state` is absent. */
  readonly status?: string;
}

/**
 * The accounts Inspector enables for existing members: every active account except the delegated
 * administrator (an enabler may not mix the administrator with members), sorted so that the list
 * is stable from one deployment to the next.
 */
export function existingMemberAccountIds(
  accounts: readonly OrganizationMemberAccount[],
  adminAccountId: string,
): string[] {
  const active = accounts.filter(
    (a) => (a.state ?? a.status) === "ACTIVE" && a.id !== adminAccountId,
  );
  return [...new Set(active.map((a) => a.id))].sort();
}
