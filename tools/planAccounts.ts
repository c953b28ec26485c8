/** The plan's accounts: what each account gets, and in organization mode its role. */
import { Plan } from "./planStack";

interface PlanOrganization {
  managementAccountId: string;
  securityAccountId: string;
  rootId: string;
}

/** The organization block of the program's outputs, or undefined in single-account mode. */
export function planOrganization(plan: Plan): PlanOrganization | undefined {
  const value = plan.outputs["organization"];
  return typeof value === "object" && value !== null ? (value as PlanOrganization) : undefined;
}

function accountRole(plan: Plan, accountId: string): string {
  const organization = planOrganization(plan);
  if (organization === undefined) return "the account";
  if (accountId === organization.managementAccountId) return "management";
  if (accountId === organization.securityAccountId) return "security (delegated administrator)";
  return "not in the organization config";
}

/** Delegated-administrator designations (made from the management account) by service name. */
export const DESIGNATIONS: Readonly<Record<string, string>> = {
  "aws:guardduty/organizationAdminAccount:OrganizationAdminAccount": "GuardDuty",
  "aws:inspector2/delegatedAdminAccount:DelegatedAdminAccount": "Inspector",
  "aws:securityhub/organizationAdminAccount:OrganizationAdminAccount": "SecurityHub",
};

/** One row per account: its role, how many resources it gets, how many are designations. */
export function accountRows(plan: Plan): string[][] {
  const custom = plan.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
  const accounts = [
    ...new Set(custom.map((r) => r.account).filter((a): a is string => a !== null)),
  ].sort();
  return accounts.map((accountId) => {
    const here = custom.filter((r) => r.account === accountId);
    const designations = here.filter((r) => Object.hasOwn(DESIGNATIONS, r.type)).length;
    const role = accountRole(plan, accountId);
    return [accountId, role, String(here.length), designations > 0 ? String(designations) : "-"];
  });
}
