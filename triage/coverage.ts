/**
 * What the scan could and could not check, per checklist section. An empty section means "nothing
 * found" only when its reads succeeded; when they all failed the checklist must say so.
 */

import { causeOf, errorNameOf } from "./blind-spots";
import { READS, RESOURCE_READS } from "./reads";
import { allGaps, type DetectionState, type ScanGap, type ScanResult } from "./types";

export type DetectorKey = keyof Omit<DetectionState, "region">;

export const DETECTOR_KEYS: readonly DetectorKey[] = [
  "cloudTrailLogging",
  "guardDuty",
  "securityHub",
  "inspector",
];

export interface Coverage {
  /** Regions where every resource list failed: nothing is known about what runs there. */
  resourcesNotChecked: string[];
  /** Regions where some resource lists failed and others were read. */
  resourcesPartlyRead: string[];
  /** IAM users could not be listed, so no user and no access key was read. */
  usersNotChecked: boolean;
  /** The CloudTrail IAM events of the window could not be read. */
  iamChangesNotChecked: boolean;
  /** The account summary (root keys and root MFA) could not be read. */
  accountSummaryNotChecked: boolean;
  /** Per detector, the regions where its status could not be read. */
  detectionNotChecked: Record<DetectorKey, string[]>;
}

function failed(gaps: readonly ScanGap[], region: string, what: string): boolean {
  return gaps.some((gap) => gap.region === region && gap.what === what);
}

export function coverageOf(scan: ScanResult): Coverage {
  const resourcesNotChecked: string[] = [];
  const resourcesPartlyRead: string[] = [];
  for (const { region, gaps } of scan.regionScans) {
    const unread = RESOURCE_READS.filter((what) => failed(gaps, region, what)).length;
    if (unread === RESOURCE_READS.length) resourcesNotChecked.push(region);
    else if (unread > 0) resourcesPartlyRead.push(region);
  }
  const states = scan.regionScans.map((regionScan) => regionScan.detection);
  const detectionNotChecked = Object.fromEntries(
    DETECTOR_KEYS.map((key) => [
      key,
      states.filter((state) => state[key] === undefined).map((state) => state.region),
    ]),
  ) as Record<DetectorKey, string[]>;
  const iamGaps = scan.iam.gaps;
  return {
    resourcesNotChecked,
    resourcesPartlyRead,
    usersNotChecked: failed(iamGaps, "global", READS.iamUsers),
    iamChangesNotChecked: failed(iamGaps, "global", READS.iamChanges),
    accountSummaryNotChecked: failed(iamGaps, "global", READS.accountSummary),
    detectionNotChecked,
  };
}

/** True when every region scanned is in `regions`: the whole section went unread. */
export function coversAll(scan: ScanResult, regions: readonly string[]): boolean {
  return scan.regionScans.length > 0 && regions.length === scan.regionScans.length;
}

/** "why: <cause> (<error names>)" for the gaps of the given reads, each cause once. */
export function whyNotChecked(scan: ScanResult, matches: (gap: ScanGap) => boolean): string {
  const causes = new Map<string, Set<string>>();
  for (const gap of allGaps(scan).filter(matches)) {
    const names = causes.get(causeOf(gap)) ?? new Set<string>();
    names.add(errorNameOf(gap));
    causes.set(causeOf(gap), names);
  }
  const parts = [...causes].map(([cause, names]) => `${cause} (${[...names].join(", ")})`);
  return `why: ${parts.join("; ") || "unknown"}`;
}
