/**
 * Every config key of the program, its type and its default. Each top-level key is read by one
 * entry of `CONFIG_SECTIONS`; a key in the `aws-threat-detection:` namespace that is not listed
 * there is a problem.
 */
import { SECURITY_HUB_STANDARDS, SecurityHubStandardKey } from "../arns";
import { KNOWN_REGION_NAMES } from "../regions";
import { SEVERITY_LABELS, SeverityLabel } from "../severity";
import {
  Reader,
  bool,
  optionalAccountId,
  checkEmail,
  checkRoleArn,
  listOf,
  objectOf,
  oneOf,
  optionalList,
  optionalNumber,
  optionalObject,
  optionalText,
  positiveNumber,
} from "./readers";

export const CONFIG_NAMESPACE = "aws-threat-detection";

export const GUARDDUTY_FREQUENCIES = ["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"] as const;
export const INSPECTOR_RESOURCE_TYPES = ["EC2", "ECR", "LAMBDA", "LAMBDA_CODE"] as const;
export type InspectorResourceType = (typeof INSPECTOR_RESOURCE_TYPES)[number];
export const AUTO_ENABLE_MODES = ["ALL", "NEW", "NONE"] as const;
export type AutoEnableMode = (typeof AUTO_ENABLE_MODES)[number];

export interface AlertsConfig {
  /** Addresses subscribed to the alert topic. Default: none (subscribe later, e.g. chat). */
  readonly emails: string[];
  /** Lowest severity that reaches people. Default HIGH. */
  readonly minSeverity: SeverityLabel;
}

/** GuardDuty protection plans; a plan turned off is sent to AWS as DISABLED. All default on. */
export interface GuardDutyConfig {
  /** How often updated findings are exported. Default FIFTEEN_MINUTES. */
  readonly findingPublishingFrequency: (typeof GUARDDUTY_FREQUENCIES)[number];
  readonly s3DataEvents: boolean;
  readonly eksAuditLogs: boolean;
  readonly ebsMalwareProtection: boolean;
  readonly rdsLoginEvents: boolean;
  readonly lambdaNetworkLogs: boolean;
  /** RUNTIME_MONITORING, the current runtime feature. Default on. */
  readonly runtimeMonitoring: boolean;
  /** EKS_RUNTIME_MONITORING, the older feature; cannot be on together with runtimeMonitoring. */
  readonly eksRuntimeMonitoring: boolean;
  readonly eksAddonManagement: boolean;
  readonly ecsFargateAgentManagement: boolean;
  readonly ec2AgentManagement: boolean;
}

export interface SecurityHubConfig {
  /** Standards by short key. Default fsbp and cis-3.0. */
  readonly standards: SecurityHubStandardKey[];
}

export interface InspectorConfig {
  /** What Inspector scans. Default EC2, ECR, LAMBDA, LAMBDA_CODE. */
  readonly resourceTypes: InspectorResourceType[];
}

export interface OrganizationConfig {
  readonly managementAccountId: string;
  readonly securityAccountId: string;
  /** Role the deployer assumes in the management account. */
  readonly managementRoleArn?: string;
  /** Role the deployer assumes in the security (delegated administrator) account. */
  readonly securityRoleArn?: string;
  /** Which member accounts get detection: ALL (existing and new), NEW, NONE. Default ALL. */
  readonly autoEnable: AutoEnableMode;
}

/** Activity alerts by category, from CloudTrail events; each category defaults on. */
export interface ActivityAlertsConfig {
  /** EC2 RunInstances in any covered region. */
  readonly instanceLaunches: boolean;
  /** Root console sign-in (us-east-1) and any API call made with root credentials. */
  readonly rootActivity: boolean;
  /** IAM users, access keys, console passwords and admin-policy grants (us-east-1). */
  readonly iamChanges: boolean;
  /** Trails stopped, detectors deleted, hubs disabled, this program's rules, topic or keys changed. */
  readonly detectionTampering: boolean;
}

export interface CloudTrailConfig {
  /** A multi-region trail that already logs this account; then none is created. Default: none. */
  readonly existingTrailArn?: string;
  /** Days log files are kept before the bucket's lifecycle rule deletes them. Default 365. */
  readonly logRetentionDays: number;
}

export interface AwsConfigConfig {
  /** Record resource configuration (Security Hub controls need it). Default true. */
  readonly enabled: boolean;
  /** Regions that already have a recorder (AWS allows one per region); skipped. Default none. */
  readonly existingRecorderRegions: string[];
  /** Days snapshots and history files are kept. Default 365. */
  readonly logRetentionDays: number;
}

export interface SpendConfig {
  /** Billing alarm, cost anomaly alerts and the optional budget. Default true. */
  readonly enabled: boolean;
  /** Estimated charges for the month, in USD, above which the billing alarm fires. Default 1000. */
  readonly billingAlarmUsd: number;
  /** Total impact, in USD, from which a cost anomaly is sent. Default 100. */
  readonly anomalyThresholdUsd: number;
  /** An anomaly monitor that already exists (AWS allows one services monitor per account). */
  readonly existingAnomalyMonitorArn?: string;
  /** A monthly cost budget in USD with alerts at 80% actual and 100% forecast. Default: none. */
  readonly monthlyBudgetUsd?: number;
}

/** The program's config, every default resolved. */
export interface ThreatDetectionConfig {
  /** Region of the alert topic, the key and the Security Hub aggregator. Default `aws:region`. */
  readonly homeRegion: string;
  /** Exactly these regions; default every region the account has enabled. */
  readonly regions?: string[];
  readonly excludeRegions: string[];
  readonly alerts: AlertsConfig;
  readonly guardDuty: GuardDutyConfig;
  readonly securityHub: SecurityHubConfig;
  readonly inspector: InspectorConfig;
  /** Keep detectors and hubs (and their findings) on `pulumi destroy`. Default true. */
  readonly retainOnDelete: boolean;
  /** Present in organization mode only. */
  readonly organization?: OrganizationConfig;
  readonly activityAlerts: ActivityAlertsConfig;
  readonly cloudTrail: CloudTrailConfig;
  readonly awsConfig: AwsConfigConfig;
  readonly spend: SpendConfig;
}

function checkRegion(value: string): string | undefined {
  return KNOWN_REGION_NAMES.has(value) ? undefined : "unknown AWS region";
}

function checkTrailArn(value: string): string | undefined {
  return /^arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:trail\/[\w.-]+$/.test(value)
    ? undefined
    : "expected a trail ARN such as arn:aws:cloudtrail:us-east-1:123456789012:trail/Name";
}

function checkAnomalyMonitorArn(value: string): string | undefined {
  return /^arn:aws[a-z-]*:ce::\d{12}:anomalymonitor\/[\w-]+$/.test(value)
    ? undefined
    : "expected an anomaly monitor ARN such as arn:aws:ce::123456789012:anomalymonitor/<id>";
}

function checkMember(allowed: readonly string[]): (value: string) => string | undefined {
  return (value) => (allowed.includes(value) ? undefined : `expected one of ${allowed.join(", ")}`);
}

export const CONFIG_SECTIONS: {
  [K in keyof ThreatDetectionConfig]-?: Reader<ThreatDetectionConfig[K]>;
} = {
  homeRegion: optionalText(checkRegion) as Reader<string>,
  regions: optionalList(checkRegion),
  excludeRegions: listOf([], checkRegion),
  alerts: objectOf<AlertsConfig>({
    emails: listOf([], checkEmail),
    minSeverity: oneOf(SEVERITY_LABELS, "HIGH"),
  }),
  guardDuty: objectOf<GuardDutyConfig>({
    findingPublishingFrequency: oneOf(GUARDDUTY_FREQUENCIES, "FIFTEEN_MINUTES"),
    s3DataEvents: bool(true),
    eksAuditLogs: bool(true),
    ebsMalwareProtection: bool(true),
    rdsLoginEvents: bool(true),
    lambdaNetworkLogs: bool(true),
    runtimeMonitoring: bool(true),
    eksRuntimeMonitoring: bool(false),
    eksAddonManagement: bool(true),
    ecsFargateAgentManagement: bool(true),
    ec2AgentManagement: bool(true),
  }),
  securityHub: objectOf<SecurityHubConfig>({
    standards: listOf(
      ["fsbp", "cis-3.0"],
      checkMember(Object.keys(SECURITY_HUB_STANDARDS)),
    ) as Reader<SecurityHubStandardKey[]>,
  }),
  inspector: objectOf<InspectorConfig>({
    resourceTypes: listOf(
      INSPECTOR_RESOURCE_TYPES,
      checkMember(INSPECTOR_RESOURCE_TYPES),
    ) as Reader<InspectorResourceType[]>,
  }),
  retainOnDelete: bool(true),
  organization: optionalObject<OrganizationConfig>({
    managementAccountId: optionalAccountId() as Reader<string>,
    securityAccountId: optionalAccountId() as Reader<string>,
    managementRoleArn: optionalText(checkRoleArn),
    securityRoleArn: optionalText(checkRoleArn),
    autoEnable: oneOf(AUTO_ENABLE_MODES, "ALL"),
  }),
  activityAlerts: objectOf<ActivityAlertsConfig>({
    instanceLaunches: bool(true),
    rootActivity: bool(true),
    iamChanges: bool(true),
    detectionTampering: bool(true),
  }),
  cloudTrail: objectOf<CloudTrailConfig>({
    existingTrailArn: optionalText(checkTrailArn),
    logRetentionDays: positiveNumber(365),
  }),
  awsConfig: objectOf<AwsConfigConfig>({
    enabled: bool(true),
    existingRecorderRegions: listOf([], checkRegion),
    logRetentionDays: positiveNumber(365),
  }),
  spend: objectOf<SpendConfig>({
    enabled: bool(true),
    billingAlarmUsd: positiveNumber(1000),
    anomalyThresholdUsd: positiveNumber(100),
    existingAnomalyMonitorArn: optionalText(checkAnomalyMonitorArn),
    monthlyBudgetUsd: optionalNumber(),
  }),
};
