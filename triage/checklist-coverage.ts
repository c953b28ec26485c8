/**
 * Checklist items for sections that could not be checked, and the support-case lines that count
 * flagged items. A section whose reads all failed must read "not checked", never "none".
 */

import type { ChecklistItem } from "./checklist";
import { DETECTORS } from "./checklist-resources";
import { type Coverage, coversAll, whyNotChecked } from "./coverage";
import { READS, RESOURCE_READS } from "./reads";
import type { ScanResult } from "./types";

const FIX_AND_RERUN = 'Fix the cause listed under "What this report could not read" and run again';

/** "all 17 regions" when every scanned region (of several) is listed, otherwise the names. */
function regionList(scan: ScanResult, regions: readonly string[]): string {
  return coversAll(scan, regions) && regions.length > 1
    ? `all ${regions.length} regions`
    : regions.join(", ");
}

function countOf(scan: ScanResult, regions: readonly string[]): string {
  return coversAll(scan, regions)
    ? `any of the ${regions.length} region(s)`
    : `${regions.length} of ${scan.regionScans.length} region(s)`;
}

/** Re-running only the failed regions is quicker, unless every region failed. */
function rerun(scan: ScanResult, regions: readonly string[]): string {
  return coversAll(scan, regions)
    ? FIX_AND_RERUN
    : `${FIX_AND_RERUN} with --regions ${regions.join(",")}`;
}

function resourcesItem(scan: ScanResult, coverage: Coverage): ChecklistItem[] {
  const regions = coverage.resourcesNotChecked;
  if (regions.length === 0) return [];
  const partly = coverage.resourcesPartlyRead;
  return [
    {
      section: "unknown-resources",
      severity: "high",
      title: `Resources could not be checked in ${countOf(scan, regions)}`,
      evidence: [
        `not checked: every call failed in ${regionList(scan, regions)}`,
        whyNotChecked(
          scan,
          (gap) => regions.includes(gap.region) && RESOURCE_READS.includes(gap.what),
        ),
        ...(partly.length > 0 ? [`partly read: ${partly.join(", ")}`] : []),
      ],
      nextAction:
        `${rerun(scan, regions)}. Until then assume these regions may hold resources nobody on ` +
        "the team launched: the Billing console shows this month's charges by service and region.",
      flagged: false,
    },
  ];
}

function identityCoverageItems(scan: ScanResult, coverage: Coverage): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const why = (what: string) => whyNotChecked(scan, (gap) => gap.what === what);
  if (coverage.usersNotChecked) {
    items.push(
      {
        section: "access-keys",
        severity: "high",
        title: "Access keys could not be checked",
        evidence: [
          "not checked: the IAM users could not be listed, so no key was read",
          why(READS.iamUsers),
        ],
        nextAction:
          `${FIX_AND_RERUN}. Meanwhile list every user's keys (aws iam list-users, then ` +
          "aws iam list-access-keys --user-name NAME) and rotate every active one.",
        flagged: false,
      },
      {
        section: "iam-users",
        severity: "high",
        title: "IAM users could not be checked",
        evidence: ["not checked: the list of IAM users could not be read", why(READS.iamUsers)],
        nextAction:
          `${FIX_AND_RERUN}. Meanwhile look through IAM > Users in the console for users ` +
          "nobody on the team created.",
        flagged: false,
      },
    );
  }
  if (coverage.iamChangesNotChecked) {
    items.push({
      section: "iam-users",
      severity: "medium",
      title: "IAM changes in the window could not be checked",
      evidence: [
        "not checked: the CloudTrail IAM events of the window could not be read",
        why(READS.iamChanges),
      ],
      nextAction:
        `${FIX_AND_RERUN}, or look them up in CloudTrail > Event history in us-east-1 with ` +
        "event source iam.amazonaws.com.",
      flagged: false,
    });
  }
  return items;
}

const DETECTION_READS: readonly string[] = [
  READS.trailStatus,
  READS.guardDuty,
  READS.securityHub,
  READS.inspector,
];

function detectionItem(scan: ScanResult, coverage: Coverage): ChecklistItem[] {
  const lines = DETECTORS.filter(
    (detector) => coverage.detectionNotChecked[detector.key].length > 0,
  ).map(
    (detector) =>
      `${detector.name}: not checked in ${regionList(scan, coverage.detectionNotChecked[detector.key])}`,
  );
  if (lines.length === 0) return [];
  const regions = [...new Set(Object.values(coverage.detectionNotChecked).flat())].sort();
  return [
    {
      section: "detection",
      severity: "medium",
      title: `Detection could not be checked in ${countOf(scan, regions)}`,
      evidence: [
        ...lines,
        whyNotChecked(
          scan,
          (gap) => regions.includes(gap.region) && DETECTION_READS.includes(gap.what),
        ),
      ],
      nextAction:
        `${rerun(scan, regions)}. Deploying this project's ` +
        "stack turns these services on wherever they are off.",
      flagged: false,
    },
  ];
}

/** Items saying which sections could not be checked; none when every read succeeded. */
export function coverageItems(scan: ScanResult, coverage: Coverage): ChecklistItem[] {
  return [
    ...identityCoverageItems(scan, coverage),
    ...resourcesItem(scan, coverage),
    ...detectionItem(scan, coverage),
  ];
}

/** The support-case line counting flagged items, honest about what could not be read. */
export function flaggedCountLine(scan: ScanResult, coverage: Coverage, count: number): string {
  const counted = `${count} item(s) flagged as not created by the team`;
  const allResources = coversAll(scan, coverage.resourcesNotChecked);
  if (coverage.accountSummaryNotChecked && coverage.usersNotChecked && allResources) {
    return "items flagged as not created by the team: not checked: every call failed";
  }
  const unread = [
    coverage.accountSummaryNotChecked ? "root keys and MFA" : "",
    coverage.usersNotChecked ? "IAM users and access keys" : "",
    coverage.resourcesNotChecked.length > 0
      ? `resources in ${regionList(scan, coverage.resourcesNotChecked)}`
      : "",
  ].filter((part) => part.length > 0);
  return unread.length === 0
    ? counted
    : `${counted} in what could be read; not checked: ${unread.join(", ")}`;
}

/** The support-case line naming the regions with flagged resources, or why it cannot. */
export function flaggedRegionsLine(
  scan: ScanResult,
  coverage: Coverage,
  flaggedRegions: readonly string[],
): string {
  const { resourcesNotChecked: notChecked, resourcesPartlyRead: partly } = coverage;
  const label = "regions with flagged resources";
  if (coversAll(scan, notChecked)) {
    return `${label}: not checked: every call failed in ${regionList(scan, notChecked)}`;
  }
  const read = scan.regionScans.length - notChecked.length;
  const found =
    flaggedRegions.join(", ") ||
    (notChecked.length > 0 ? `none in the ${read} region(s) read` : "none");
  const notes = [
    notChecked.length > 0 ? `not checked (every call failed): ${notChecked.join(", ")}` : "",
    partly.length > 0 ? `partly read: ${partly.join(", ")}` : "",
  ].filter((note) => note.length > 0);
  return [`${label}: ${found}`, ...notes].join("; ");
}
