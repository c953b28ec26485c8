/** Shapes shared by the scanners, the checklist, the report and remediation. */

export type ServiceName =
  "ec2" | "iam" | "cloudtrail" | "lambda" | "guardduty" | "securityhub" | "inspector2" | "sts";

/** Something the scan could not read; the report lists these so nobody trusts a blind spot. */
export interface ScanGap {
  region: string;
  what: string;
  reason: string;
  advice: string;
  kind: string;
}

export interface InstanceFinding {
  region: string;
  instanceId: string;
  state: string;
  instanceType: string;
  launchTime?: string;
  keyName?: string;
  publicIp?: string;
  volumeIds: string[];
  launchedBy?: string;
  /** Access key used for RunInstances: the leaked key, if an intruder launched it. */
  launchedWithKey?: string;
  spot: boolean;
}

export interface ImageFinding {
  region: string;
  imageId: string;
  name?: string;
  creationDate?: string;
  snapshotIds: string[];
}

export interface VolumeFinding {
  region: string;
  volumeId: string;
  sizeGiB: number;
  createTime?: string;
  attachedTo: string[];
}

export interface SnapshotFinding {
  region: string;
  snapshotId: string;
  volumeId?: string;
  startTime?: string;
  sizeGiB: number;
  description?: string;
}

export interface LambdaFinding {
  region: string;
  functionName: string;
  runtime?: string;
  lastModified?: string;
}

export interface SpotRequestFinding {
  region: string;
  requestId: string;
  state: string;
  instanceType?: string;
  createTime?: string;
  instanceId?: string;
}

export interface DetectionState {
  region: string;
  guardDuty?: boolean;
  securityHub?: boolean;
  inspector?: boolean;
  cloudTrailLogging?: boolean;
}

export interface RegionScan {
  region: string;
  instances: InstanceFinding[];
  images: ImageFinding[];
  volumes: VolumeFinding[];
  snapshots: SnapshotFinding[];
  lambdas: LambdaFinding[];
  spotRequests: SpotRequestFinding[];
  detection: DetectionState;
  gaps: ScanGap[];
}

export interface AccessKeyFinding {
  userName: string;
  accessKeyId: string;
  status: string;
  createDate?: string;
  lastUsedDate?: string;
  lastUsedService?: string;
  lastUsedRegion?: string;
}

export interface UserFinding {
  userName: string;
  arn?: string;
  createDate?: string;
  createdBy?: string;
  consoleAccess: boolean;
  passwordLastUsed?: string;
  mfaEnabled: boolean;
}

export interface IamChange {
  eventTime?: string;
  eventName: string;
  actor?: string;
  target?: string;
}

export interface IamScan {
  users: UserFinding[];
  accessKeys: AccessKeyFinding[];
  rootAccessKeysPresent?: boolean;
  rootMfaEnabled?: boolean;
  recentChanges: IamChange[];
  gaps: ScanGap[];
}

export interface ScanResult {
  accountId?: string;
  callerArn?: string;
  scannedAt: string;
  /** Start of the `--since` window; "new" means created at or after this instant. */
  windowStart: string;
  since: string;
  regions: string[];
  iam: IamScan;
  regionScans: RegionScan[];
  /** Gaps that are not tied to one region's resources (identity, region list). */
  gaps: ScanGap[];
  /**
   * True when the first call failed on the credentials or the network, so nothing else was tried;
   * the reason is the first gap.
   */
  aborted: boolean;
}

export function allGaps(result: ScanResult): ScanGap[] {
  return [...result.gaps, ...result.iam.gaps, ...result.regionScans.flatMap((scan) => scan.gaps)];
}
