/** Rules that mark a resource as one the team probably did not create. */

import { isWithin } from "./time";
import type { InstanceFinding, RegionScan } from "./types";

/** GPU and accelerator families: what crypto miners ask for. */
const ACCELERATED_FAMILY = /^(p\d|g\d|inf\d|trn\d|dl\d|f\d|vt\d)/;

/** Sizes of 8xlarge and up, or bare metal, are rare outside deliberate workloads. */
export function isLargeSize(size: string): boolean {
  if (size.startsWith("metal")) return true;
  const match = /^(\d+)xlarge$/.exec(size);
  return match !== null && Number(match[1]) >= 8;
}

export function instanceTypeReason(instanceType: string): string | undefined {
  const [family = "", size = ""] = instanceType.split(".");
  if (ACCELERATED_FAMILY.test(family)) return `GPU/accelerated instance type ${instanceType}`;
  if (isLargeSize(size)) return `large instance type ${instanceType}`;
  return undefined;
}

const GONE_STATES = new Set(["terminated", "shutting-down"]);

export function isLive(instance: InstanceFinding): boolean {
  return !GONE_STATES.has(instance.state);
}

/** Creation times of everything in a region, to tell an established region from a fresh one. */
function creationTimes(scan: RegionScan): (string | undefined)[] {
  return [
    ...scan.instances.filter(isLive).map((instance) => instance.launchTime),
    ...scan.images.map((image) => image.creationDate),
    ...scan.volumes.map((volume) => volume.createTime),
    ...scan.snapshots.map((snapshot) => snapshot.startTime),
    ...scan.lambdas.map((fn) => fn.lastModified),
  ];
}

/**
 * A region where every resource appeared inside the window: the team had no use for it before,
 * so whatever runs there now is suspect.
 */
export function hasNoOtherUse(scan: RegionScan, windowStart: Date): boolean {
  const times = creationTimes(scan);
  return times.length > 0 && times.every((time) => isWithin(time, windowStart));
}

export interface InstanceVerdict {
  reasons: string[];
  critical: boolean;
}

export function judgeInstance(
  instance: InstanceFinding,
  windowStart: Date,
  regionIsFresh: boolean,
): InstanceVerdict {
  const reasons: string[] = [];
  const launchedInWindow = isWithin(instance.launchTime, windowStart);
  const typeReason = instanceTypeReason(instance.instanceType);
  if (launchedInWindow) reasons.push("launched within the window");
  if (typeReason) reasons.push(typeReason);
  if (regionIsFresh) reasons.push(`${instance.region} has no other long-lived resources`);
  if (instance.spot) reasons.push("spot instance");
  const flagged = launchedInWindow || typeReason !== undefined;
  return {
    reasons: flagged ? reasons : [],
    critical: launchedInWindow && (typeReason !== undefined || regionIsFresh),
  };
}

/** Description given to snapshots taken by `--apply`, so a later run does not flag them. */
export const EVIDENCE_SNAPSHOT_PREFIX = "aws-threat-triage evidence";
