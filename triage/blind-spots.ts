/**
 * Groups the reads that failed for the same cause, so an unreachable network is one line with
 * its advice once, not the same advice repeated for every call in every region. The per-read
 * detail stays in `Checklist.gaps` (and `--json`).
 */

import type { ScanGap } from "./types";

/** One cause of failed reads, with everything that failed that way. */
export interface BlindSpot {
  kind: string;
  /** What went wrong, in words that hold for every read in the group. */
  cause: string;
  advice: string;
  /** How many reads failed this way. */
  count: number;
  /** Regions where reads failed, sorted; "global" (IAM, STS) comes last. */
  regions: string[];
  /** The things that could not be read, each named once, in the order they were met. */
  what: string[];
  /** Error names and codes seen (ENOTFOUND, TimeoutError...), each once. */
  errors: string[];
  /** The full error when every read failed the same way; per-read errors are in the gaps. */
  reason?: string;
}

const CAUSES: Record<string, string> = {
  network: "the network or the AWS endpoint was unreachable",
  throttled: "AWS kept throttling",
  "region-disabled": "the region is not enabled",
  "access-denied": "access was denied",
  "expired-token": "the session token expired",
  "invalid-credentials": "AWS rejected the access key",
  "no-credentials": "no credentials were found",
  "not-found": "the resource no longer existed",
  unknown: "the call failed",
};

/**
 * Kinds whose cause lies outside the call (the network, a rate limit, the region, the session):
 * every read failing that way shares one fix, whatever the error code. For the others the
 * error name tells calls apart (a denied EC2 call and a denied GuardDuty call need different
 * permissions), so it is part of the cause.
 */
const SHARED_CAUSE_KINDS = new Set([
  "network",
  "throttled",
  "region-disabled",
  "expired-token",
  "invalid-credentials",
  "no-credentials",
]);

/** The error name or code that starts a classified reason ("ENOTFOUND: getaddrinfo ..."). */
export function errorNameOf(gap: ScanGap): string {
  return gap.reason.split(":")[0].trim();
}

function causeKey(gap: ScanGap): string {
  return SHARED_CAUSE_KINDS.has(gap.kind) ? gap.kind : `${gap.kind}:${errorNameOf(gap)}`;
}

/** The cause of one failed read, as the blind-spot list words it. */
export function causeOf(gap: ScanGap): string {
  return CAUSES[gap.kind] ?? CAUSES.unknown;
}

const byRegionName = (a: string, b: string): number =>
  a === b ? 0 : a === "global" ? 1 : b === "global" ? -1 : a.localeCompare(b);

/** One blind spot per cause, the cause that hid the most first. */
export function groupGaps(gaps: readonly ScanGap[]): BlindSpot[] {
  const groups = new Map<string, ScanGap[]>();
  for (const gap of gaps) {
    const key = causeKey(gap);
    groups.set(key, [...(groups.get(key) ?? []), gap]);
  }
  const spots = [...groups.values()].map((members): BlindSpot => {
    const first = members[0];
    const reasons = new Set(members.map((gap) => gap.reason));
    return {
      kind: first.kind,
      cause: causeOf(first),
      advice: first.advice,
      count: members.length,
      regions: [...new Set(members.map((gap) => gap.region))].sort(byRegionName),
      what: [...new Set(members.map((gap) => gap.what))],
      errors: [...new Set(members.map(errorNameOf))],
      reason: reasons.size === 1 ? first.reason : undefined,
    };
  });
  // Array.prototype.sort is stable, so equal counts keep the order the scan met them in.
  return spots.sort((a, b) => b.count - a.count);
}
