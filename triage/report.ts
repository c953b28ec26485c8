/** Renders the checklist as terminal text, a Markdown ticket, or JSON for machines. */

import type { BlindSpot } from "./blind-spots";
import type { Checklist, ChecklistItem } from "./checklist";
import type { ScanResult } from "./types";

/** Enough names to recognise the reads; the full list is in --json. */
const MAX_WHAT_SHOWN = 16;

function header(checklist: Checklist): string[] {
  return [
    `Account ${checklist.accountId ?? "unknown"}, scanned as ${checklist.callerArn ?? "unknown"}`,
    `Scanned ${checklist.scannedAt}; "new" means created in the last ${checklist.since}; ` +
      `${checklist.regions.length} region(s): ${checklist.regions.join(", ") || "none"}`,
  ];
}

function partialBanner(checklist: Checklist): string | null {
  if (!checklist.partial) return null;
  const { gaps, blindSpots } = checklist;
  const causes = blindSpots.length < gaps.length ? ` (${blindSpots.length} cause(s))` : "";
  return (
    `PARTIAL REPORT: ${gaps.length} thing(s) could not be read${causes}; ` +
    "see the last section before trusting an empty list."
  );
}

/** "in all 17 regions and globally", "in eu-west-1, sa-east-1", "globally". */
function whereOf(spot: BlindSpot, checklist: Checklist): string {
  const regional = spot.regions.filter((region) => region !== "global");
  const parts: string[] = [];
  if (regional.length > 1 && regional.length === checklist.regions.length) {
    parts.push(`in all ${regional.length} regions`);
  } else if (regional.length > 0) {
    parts.push(`in ${regional.length === 1 ? "region" : "regions"} ${regional.join(", ")}`);
  }
  if (regional.length < spot.regions.length) parts.push("globally");
  return parts.join(" and ");
}

/** One line per cause; a cause that hid a single read keeps that read's own wording. */
function blindSpotLine(spot: BlindSpot, checklist: Checklist): string {
  if (spot.count === 1 && spot.reason !== undefined) {
    const where = spot.regions[0] === "global" ? "" : ` in region ${spot.regions[0]}`;
    const reason = spot.reason.replace(/\.+$/, "");
    return `could not read ${spot.what[0]}${where}: ${reason}. ${spot.advice}`;
  }
  const shown = spot.what.slice(0, MAX_WHAT_SHOWN);
  const more = spot.what.length - shown.length;
  const what = more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
  return (
    `${spot.cause} (${spot.errors.join(", ")}) for ${spot.count} reads ` +
    `${whereOf(spot, checklist)}: ${what}. ${spot.advice}`
  );
}

/** The blind-spot lines, with a pointer to the per-read detail when lines stand for several. */
function blindSpotLines(checklist: Checklist): string[] {
  const lines = checklist.blindSpots.map((spot) => blindSpotLine(spot, checklist));
  if (checklist.blindSpots.some((spot) => spot.count > 1)) {
    lines.push("every failed read, with its region and error, is in --json FILE (checklist.gaps)");
  }
  return lines;
}

function textItem(item: ChecklistItem, number: string): string[] {
  const marker = item.flagged ? " [FLAGGED]" : "";
  return [
    `[ ] ${number} ${item.severity.toUpperCase()}${marker} ${item.title}`,
    ...item.evidence.map((line) => `      - ${line}`),
    `      next: ${item.nextAction}`,
  ];
}

export function renderText(checklist: Checklist): string {
  const lines = ["AWS breach triage: recovery checklist", ...header(checklist)];
  const banner = partialBanner(checklist);
  if (banner) lines.push("", banner);
  checklist.sections.forEach((section, sectionIndex) => {
    lines.push("", `${sectionIndex + 1}. ${section.title}`);
    section.items.forEach((item, itemIndex) => {
      lines.push(...textItem(item, `${sectionIndex + 1}.${itemIndex + 1}`));
    });
  });
  if (checklist.gaps.length > 0) {
    lines.push("", "What this report could not read");
    lines.push(...blindSpotLines(checklist).map((line) => `  - ${line}`));
  }
  return `${lines.join("\n")}\n`;
}

/** Backticks would break inline code spans; pipes and angle brackets are harmless in lists. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** An AWS CLI command inside a sentence ends at punctuation or a full stop before a space. */
const CLI_COMMAND = /aws [a-z0-9-]+ (?:[^,;().]|\.(?!\s|$))+/g;

export function renderMarkdown(checklist: Checklist): string {
  const lines = [
    `# AWS breach triage: account ${checklist.accountId ?? "unknown"}`,
    "",
    ...header(checklist).map((line) => `${line}  `),
  ];
  const banner = partialBanner(checklist);
  if (banner) lines.push("", `> **${banner}**`);
  checklist.sections.forEach((section, sectionIndex) => {
    lines.push("", `## ${sectionIndex + 1}. ${section.title}`, "");
    for (const item of section.items) {
      const marker = item.flagged ? " 🚩" : "";
      lines.push(`- [ ] **${item.severity.toUpperCase()}**${marker} ${item.title}`);
      lines.push(...item.evidence.map((line) => `  - ${line}`));
      lines.push(
        `  - **Next:** ${item.nextAction.replace(CLI_COMMAND, (command) => code(command.trim()))}`,
      );
    }
  });
  if (checklist.gaps.length > 0) {
    lines.push("", "## What this report could not read", "");
    lines.push(...blindSpotLines(checklist).map((line) => `- ${line}`));
  }
  return `${lines.join("\n")}\n`;
}

export function renderJson(checklist: Checklist, scan: ScanResult): string {
  return `${JSON.stringify({ checklist, scan }, null, 2)}\n`;
}
