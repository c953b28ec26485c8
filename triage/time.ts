/** Parsing of `--since` and date helpers, kept apart so the rules are easy to test. */

import { UsageError } from "./errors";

const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** Accepts `90m`, `12h`, `7d`, `2w`; the window must be between one minute and 90 days. */
export function parseSince(text: string): number {
  if (/^-\s*\d/.test(text.trim())) {
    throw new UsageError(
      `--since "${text}" must be a positive duration: a whole number and a unit, no sign, ` +
        "e.g. 90m, 12h, 3d or 2w (m minutes, h hours, d days, w weeks).",
    );
  }
  const match = /^(\d+)([mhdw])$/.exec(text.trim());
  if (!match) {
    throw new UsageError(
      `--since "${text}" is not a duration. Use a number and a unit, e.g. 12h, 7d or 2w.`,
    );
  }
  const ms = Number(match[1]) * UNIT_MS[match[2]];
  // CloudTrail event history only goes back 90 days, so a longer window would promise too much.
  if (ms < UNIT_MS.m || ms > 90 * UNIT_MS.d) {
    throw new UsageError(`--since "${text}" must be between 1m and 90d.`);
  }
  return ms;
}

export function toIso(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function isWithin(iso: string | undefined, windowStart: Date): boolean {
  return iso !== undefined && new Date(iso).getTime() >= windowStart.getTime();
}

/** "3 days" style age for evidence lines. */
export function ageOf(iso: string | undefined, now: Date): string {
  if (!iso) return "unknown age";
  const hours = Math.floor((now.getTime() - new Date(iso).getTime()) / UNIT_MS.h);
  if (hours < 1) return "less than an hour old";
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"} old`;
  return `${Math.floor(hours / 24)} days old`;
}
