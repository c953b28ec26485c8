/** ARNs the program builds itself, always from partition, region and account, never hard-coded. */

export interface ArnContext {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** The short names people use in config for Security Hub standards. */
export const SECURITY_HUB_STANDARDS = {
  fsbp: {
    title: "AWS Foundational Security Best Practices v1.0.0",
    path: "aws-foundational-security-best-practices/v/1.0.0",
  },
  "cis-1.2": {
    title: "CIS AWS Foundations Benchmark v1.2.0",
    path: "cis-aws-foundations-benchmark/v/1.2.0",
  },
  "cis-1.4": {
    title: "CIS AWS Foundations Benchmark v1.4.0",
    path: "cis-aws-foundations-benchmark/v/1.4.0",
  },
  "cis-3.0": {
    title: "CIS AWS Foundations Benchmark v3.0.0",
    path: "cis-aws-foundations-benchmark/v/3.0.0",
  },
  "nist-800-53": { title: "NIST SP 800-53 Rev. 5", path: "nist-800-53/v/5.0.0" },
  "pci-dss": { title: "PCI DSS v3.2.1", path: "pci-dss/v/3.2.1" },
  "pci-dss-4": { title: "PCI DSS v4.0.1", path: "pci-dss/v/4.0.1" },
} as const;

export type SecurityHubStandardKey = keyof typeof SECURITY_HUB_STANDARDS;

export function isSecurityHubStandardKey(value: unknown): value is SecurityHubStandardKey {
  return typeof value === "string" && Object.hasOwn(SECURITY_HUB_STANDARDS, value);
}

/**
 * The ARN of a standard in a region. CIS 1.2 predates regional standards and keeps its one global
 * `ruleset` ARN; every other standard is `arn:<partition>:securityhub:<region>::standards/<path>`.
 * https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-standards.html
 */
export function securityHubStandardArn(
  key: SecurityHubStandardKey,
  ctx: Omit<ArnContext, "accountId">,
): string {
  if (key === "cis-1.2") {
    return `arn:${ctx.partition}:securityhub:::ruleset/${SECURITY_HUB_STANDARDS[key].path}`;
  }
  return `arn:${ctx.partition}:securityhub:${ctx.region}::standards/${SECURITY_HUB_STANDARDS[key].path}`;
}

export function defaultEventBusArn(ctx: ArnContext): string {
  return `arn:${ctx.partition}:events:${ctx.region}:${ctx.accountId}:event-bus/default`;
}

export function accountRootArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

/** The account id in an ARN, or undefined when the ARN has none (S3 buckets, global ARNs). */
export function accountOfArn(arn: string): string | undefined {
  const parts = arn.split(":");
  return parts.length >= 5 && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

/** The region in an ARN, or undefined for global resources. */
export function regionOfArn(arn: string): string | undefined {
  const parts = arn.split(":");
  return parts.length >= 4 && parts[3] !== "" ? parts[3] : undefined;
}
