/**
 * Which AWS regions exist, which an account has without opting in, and which services or features a
 * region does not offer. Everything the program knows about regional availability lives here, so a
 * new region or a service launch is a one-line change.
 */
import { ConfigError } from "./config/error";

export type OptInStatus = "opt-in-not-required" | "opt-in-required";

export interface RegionInfo {
  readonly name: string;
  readonly optIn: OptInStatus;
}

/** Commercial (`aws` partition) regions, as listed by `ec2:DescribeRegions --all-regions`. */
export const AWS_REGIONS: readonly RegionInfo[] = [
  ...[
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "sa-east-1",
    "eu-central-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-north-1",
    "ap-south-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-southeast-1",
    "ap-southeast-2",
  ].map((name) => ({ name, optIn: "opt-in-not-required" as const })),
  ...[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-south-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-west-1",
    "eu-central-2",
    "eu-south-1",
    "eu-south-2",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
  ].map((name) => ({ name, optIn: "opt-in-required" as const })),
];

export const KNOWN_REGION_NAMES: ReadonlySet<string> = new Set(AWS_REGIONS.map((r) => r.name));

/** The 17 regions every account has enabled from the start. */
export const DEFAULT_ENABLED_REGIONS: readonly string[] = AWS_REGIONS.filter(
  (r) => r.optIn === "opt-in-not-required",
).map((r) => r.name);

/** The opt-in statuses that mean "this account can run things here", for `aws.getRegions`. */
export const ENABLED_OPT_IN_STATUSES = ["opt-in-not-required", "opted-in"] as const;

/**
 * IAM, STS, Organizations and console sign-in events are delivered to EventBridge in this region
 * only, whatever the stack's home region; billing metrics are published here only too.
 */
export const GLOBAL_EVENTS_REGION = "us-east-1";

/** A capability that some regions lack: a whole service, or one feature of it. */
export type Capability =
  | "guardduty"
  | "guardduty:RDS_LOGIN_EVENTS"
  | "guardduty:RUNTIME_MONITORING"
  | "guardduty:EKS_RUNTIME_MONITORING"
  | "guardduty:LAMBDA_NETWORK_LOGS"
  | "guardduty:EBS_MALWARE_PROTECTION"
  | "inspector"
  | "inspector:EC2"
  | "inspector:ECR"
  | "inspector:LAMBDA"
  | "inspector:LAMBDA_CODE"
  | "securityhub"
  | "config:GLOBAL_IAM_TYPES";

/**
 * Regions where a capability is not offered. Source: the AWS regional service lists and each
 * service's "Regions and endpoints" page, read 2026-11. Regions launched after that date are not
 * listed here; when AWS rejects a feature in a new region, add the region to its row.
 */
export const UNAVAILABLE: Readonly<Partial<Record<Capability, readonly string[]>>> = {
  "guardduty:RDS_LOGIN_EVENTS": [
    "ap-east-2",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "mx-central-1",
    "il-central-1",
    "ca-west-1",
  ],
  "guardduty:EKS_RUNTIME_MONITORING": ["ap-east-2", "ap-southeast-6", "ap-southeast-7"],
  "inspector:LAMBDA_CODE": [
    "af-south-1",
    "ap-east-2",
    "ap-northeast-3",
    "ap-south-2",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-west-1",
    "eu-central-2",
    "eu-south-2",
    "il-central-1",
    "me-central-1",
    "mx-central-1",
  ],
  inspector: ["ap-southeast-6"],
  // AWS Config cannot record IAM users, groups, roles and policies in regions it reached after
  // February 2022.
  "config:GLOBAL_IAM_TYPES": [
    "ap-east-2",
    "ap-south-2",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-west-1",
    "eu-central-2",
    "eu-south-2",
    "il-central-1",
    "me-central-1",
    "mx-central-1",
  ],
};

export function isAvailable(capability: Capability, region: string): boolean {
  return !(UNAVAILABLE[capability] ?? []).includes(region);
}

/** A capability the plan leaves out of a region, with the reason shown to people. */
export interface SkippedCapability {
  readonly region: string;
  readonly capability: Capability;
  readonly reason: string;
}

export function unavailableReason(capability: Capability, region: string): string {
  return `AWS does not offer ${capability} in ${region} (availability table in lib/regions.ts)`;
}

export interface RegionSelection {
  /** Regions the account has enabled, as discovered at deploy time. */
  readonly enabled: readonly string[];
  /** `regions` from config: when given, exactly these (each must be enabled). */
  readonly explicit?: readonly string[];
  /** `excludeRegions` from config. */
  readonly exclude: readonly string[];
  readonly homeRegion: string;
}

/**
 * The regions a stack covers: the explicit list or every enabled region, minus exclusions, in a
 * stable order with the home region first. Throws when a requested region is not enabled in the
 * account, since deploying there would fail half-way through.
 */
export function selectCoveredRegions(selection: RegionSelection): string[] {
  const enabled = new Set(selection.enabled);
  const wanted = selection.explicit ?? selection.enabled;
  const notEnabled = wanted.filter((r) => !enabled.has(r));
  if (!enabled.has(selection.homeRegion)) notEnabled.unshift(selection.homeRegion);
  if (notEnabled.length > 0) {
    throw new ConfigError([
      `Regions not enabled in this account: ${[...new Set(notEnabled)].join(", ")}. ` +
        "Enable them (Account settings > AWS Regions) or remove them from " +
        "aws-threat-detection:regions / aws-threat-detection:homeRegion.",
    ]);
  }
  const excluded = new Set(selection.exclude);
  const covered = [...new Set(wanted)].filter((r) => !excluded.has(r));
  const ordered = covered.filter((r) => r !== selection.homeRegion).sort();
  return [selection.homeRegion, ...ordered];
}
