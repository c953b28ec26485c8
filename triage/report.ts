/** Renders the checklist as terminal text, a Markdown ticket, or JSON for machines. */

import type { Checklist, ChecklistItem } from "./checklist";
import type { ScanGap, ScanResult } from "./types";

function header(checklist: Checklist): string[] {
  return [
    `Account ${checklist.accountId ?? "unknown"}, scanned as ${checklist.callerArn ?? "unknown"}`,
    `Scanned ${checklist.scannedAt}; "new" means created in the last ${checklist.since}; ` +
      `${checklist.regions.length} region(s): ${checklist.regions.join(", ") || "none"}`,
  ];
}

function partialBanner(checklist: Checklist): string | null {
  if (!checklist.partial) return null;
  return (
    `PARTIAL REPORT: ${checklist.gaps.length} thing(s) could not be read; ` +
    "see the last section before trusting an empty list."
  );
}

function gapLine(gap: ScanGap): string {
  const where = gap.region === "global" ? "" : ` in region ${gap.region}`;
  return `could not read ${gap.what}${where}: ${gap.reason.replace(/\.+$/, "")}. ${gap.advice}`;
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
    lines.push(...checklist.gaps.map((gap) => `  - ${gapLine(gap)}`));
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
    lines.push(...checklist.gaps.map((gap) => `- ${gapLine(gap)}`));
  }
  return `${lines.join("\n")}\n`;
}

export function renderJson(checklist: Checklist, scan: ScanResult): string {
  return `${JSON.stringify({ checklist, scan }, null, 2)}\n`;
}
