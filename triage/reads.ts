/**
 * The name each scanner read is reported under. The scanners record gaps with these names and the
 * checklist looks them up to tell a section that was read from one that could not be checked.
 */

export const READS = {
  instances: "EC2 instances",
  images: "AMIs",
  volumes: "EBS volumes",
  snapshots: "EBS snapshots",
  spotRequests: "spot requests",
  lambdas: "Lambda functions",
  launchers: "CloudTrail RunInstances events",
  trailStatus: "CloudTrail trail status",
  guardDuty: "GuardDuty status",
  securityHub: "Security Hub status",
  inspector: "Inspector status",
  iamUsers: "IAM users",
  accountSummary: "IAM account summary (root keys and MFA)",
  iamChanges: "CloudTrail IAM events",
} as const;

/** The lists that can reveal an unknown resource in a region; all failed = region not checked. */
export const RESOURCE_READS: readonly string[] = [
  READS.instances,
  READS.images,
  READS.volumes,
  READS.snapshots,
  READS.spotRequests,
  READS.lambdas,
];
