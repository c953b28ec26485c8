/**
 * Turns scan results into a recovery checklist in the order a breached team should work:
 * root credentials, access keys, IAM users, unknown resources, detection gaps, support case.
 */

import { type BlindSpot, groupGaps } from "./blind-spots";
import { coverageItems, flaggedCountLine, flaggedRegionsLine } from "./checklist-coverage";
import { identityItems } from "./checklist-identity";
import { detectionItems, resourceItems } from "./checklist-resources";
import { type Coverage, coverageOf } from "./coverage";
import { allGaps, type ScanGap, type ScanResult } from "./types";

export type SectionId =
  "root" | "access-keys" | "iam-users" | "unknown-resources" | "detection" | "support";

export const SECTION_TITLES: Record<SectionId, string> = {
  root: "Root credentials",
  "access-keys": "Access keys",
  "iam-users": "IAM users",
  "unknown-resources": "Resources nobody recognises",
  detection: "Detection gaps",
  support: "AWS Support case",
};

const SECTION_ORDER: SectionId[] = [
  "root",
  "access-keys",
  "iam-users",
  "unknown-resources",
  "detection",
  "support",
];

export type Severity = "critical" | "high" | "medium" | "low";

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** What `--apply` can act on for an item. Ids are the ones accepted by `--select`. */
export interface RemediationTarget {
  kind: "access-key" | "instance" | "image" | "spot-request";
  id: string;
  region: string;
  userName?: string;
  volumeIds?: string[];
}

export interface ChecklistItem {
  section: SectionId;
  severity: Severity;
  title: string;
  evidence: string[];
  nextAction: string;
  /** Likely created by the intruder rather than the team. */
  flagged: boolean;
  /** Region of the resource, when the item is about one. */
  region?: string;
  target?: RemediationTarget;
}

export interface ChecklistSection {
  id: SectionId;
  title: string;
  items: ChecklistItem[];
}

export interface Checklist {
  accountId?: string;
  callerArn?: string;
  scannedAt: string;
  since: string;
  regions: string[];
  sections: ChecklistSection[];
  /** Every read that failed, one entry per read. */
  gaps: ScanGap[];
  /** The same failures grouped by cause: what the report prints. */
  blindSpots: BlindSpot[];
  /** Which sections could not be checked, so an empty one is not taken for a clean bill. */
  coverage: Coverage;
  partial: boolean;
}

function rootItems(scan: ScanResult): ChecklistItem[] {
  const { rootAccessKeysPresent, rootMfaEnabled } = scan.iam;
  const state = (value: boolean | undefined, yes: string, no: string): string =>
    value === undefined ? "unknown (could not read the account summary)" : value ? yes : no;
  const items: ChecklistItem[] = [
    {
      section: "root",
      severity: "critical",
      title: "Change the root password",
      evidence: [
        `root MFA: ${state(rootMfaEnabled, "on", "OFF")}`,
        `root access keys: ${state(rootAccessKeysPresent, "PRESENT", "none")}`,
      ],
      nextAction:
        "Sign in as the root user with the account e-mail, set a new long unique password, and " +
        "check that the account e-mail, phone number and alternate contacts are still yours.",
      flagged: false,
    },
  ];
  if (rootAccessKeysPresent) {
    items.push({
      section: "root",
      severity: "critical",
      title: "Delete the root access keys",
      evidence: ["GetAccountSummary reports AccountAccessKeysPresent = 1"],
      nextAction:
        "Signed in as root: Security credentials > Access keys > deactivate, then delete every " +
        "key. Root keys cannot be limited by any policy and are never needed day to day.",
      flagged: true,
    });
  }
  if (rootMfaEnabled === false) {
    items.push({
      section: "root",
      severity: "critical",
      title: "Turn on MFA for the root user",
      evidence: ["GetAccountSummary reports AccountMFAEnabled = 0"],
      nextAction:
        "Signed in as root: Security credentials > Multi-factor authentication > Assign MFA " +
        "device. Keep the device somewhere the whole team can reach in an emergency.",
      flagged: true,
    });
  }
  return items;
}

function supportItem(
  scan: ScanResult,
  coverage: Coverage,
  flagged: ChecklistItem[],
): ChecklistItem {
  const flaggedRegions = [
    ...new Set(
      flagged.map((item) => item.region).filter((region): region is string => region !== undefined),
    ),
  ].sort();
  return {
    section: "support",
    severity: "high",
    title: "Answer the AWS Support case",
    evidence: [
      `account: ${scan.accountId ?? "unknown"}`,
      flaggedCountLine(scan, coverage, flagged.length),
      flaggedRegionsLine(scan, coverage, flaggedRegions),
    ],
    nextAction:
      "Reply in the Support Center case with what you changed (root password, keys, users, " +
      "deleted resources), attach this report (--markdown), and ask for a billing adjustment " +
      "for the usage you did not make. Reply within the deadline AWS gave or they may restrict " +
      "the account.",
    flagged: false,
  };
}

export function buildChecklist(scan: ScanResult): Checklist {
  const windowStart = new Date(scan.windowStart);
  const now = new Date(scan.scannedAt);
  const coverage = coverageOf(scan);
  const items = [
    ...rootItems(scan),
    ...identityItems(scan, windowStart, now),
    ...resourceItems(scan, windowStart),
    ...detectionItems(scan),
    ...coverageItems(scan, coverage),
  ];
  items.push(
    supportItem(
      scan,
      coverage,
      items.filter((item) => item.flagged),
    ),
  );
  const sections = SECTION_ORDER.map((id) => ({
    id,
    title: SECTION_TITLES[id],
    items: items
      .filter((item) => item.section === id)
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]),
  })).filter((section) => section.items.length > 0);
  const gaps = allGaps(scan);
  return {
    accountId: scan.accountId,
    callerArn: scan.callerArn,
    scannedAt: scan.scannedAt,
    since: scan.since,
    regions: scan.regions,
    sections,
    gaps,
    blindSpots: groupGaps(gaps),
    coverage,
    partial: gaps.length > 0,
  };
}
