/**
 * The policy pack as data: its name, description and policies. `policies/index.ts` serves it to
 * the Pulumi engine; `tools/policyRunner.ts` runs these same objects over an offline plan.
 */
import { EnforcementLevel, Policies } from "@pulumi/policy";
import { ALERT_DELIVERY_POLICIES } from "./alertDelivery";
import { COVERAGE_POLICIES } from "./coverage";
import { GUARDDUTY_POLICIES } from "./guardduty";
import { KEY_POLICIES } from "./keys";
import { LOGGING_POLICIES } from "./logging";
import { ORGANIZATION_POLICIES } from "./organization";
import { SECURITY_HUB_POLICIES } from "./securityhub";

export const PACK_NAME = "aws-threat-detection";

export const PACK_DESCRIPTION =
  "Keeps an AWS threat-detection baseline whole: GuardDuty, Inspector and Security Hub in every " +
  "covered region, and alerts that actually reach people.";

/** The level of a policy that does not set its own. Every policy here sets one. */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "mandatory";

/** Every policy of the pack. Coverage-related ones read `CoverageConfig` (see `./scope`). */
export const POLICIES: Policies = [
  ...COVERAGE_POLICIES,
  ...ORGANIZATION_POLICIES,
  ...ALERT_DELIVERY_POLICIES,
  ...GUARDDUTY_POLICIES,
  ...SECURITY_HUB_POLICIES,
  ...KEY_POLICIES,
  ...LOGGING_POLICIES,
];

export { COVERAGE_CONFIG_SCHEMA, CoverageConfig } from "./scope";
