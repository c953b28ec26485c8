/** Command-line parsing and the help text. Bad input becomes a UsageError (exit code 2). */

import { UsageError } from "./errors";
import { checkRegionName, parseRegionList } from "./regions";
import { parseSince } from "./time";

export interface TriageArgs {
  help: boolean;
  profile?: string;
  regions?: string[];
  since: string;
  windowMs: number;
  json?: string;
  markdown?: string;
  apply: boolean;
  yes: boolean;
  select?: Set<string>;
  terminate: boolean;
  auditLog?: string;
  concurrency: number;
  homeRegion: string;
}

export const HELP_TEXT = `Usage: npm run triage -- [options]
       npx aws-threat-triage [options]

Read-only breach triage for an AWS account. Scans IAM and every enabled region at once
and prints a recovery checklist: root credentials, access keys, IAM users, resources nobody
recognises, detection gaps, and the AWS Support case. Nothing is changed unless --apply is given.

Options:
  --profile NAME        AWS profile from ~/.aws/config (default: the usual SDK chain)
  --regions R1,R2 ...   Scan only these regions (default: every enabled region)
  --since DURATION      What counts as "new": 90m, 12h, 7d, 2w ... from 1m up to 90d (default 7d)
  --json FILE           Also write the checklist and raw findings as JSON ("-" = stdout only)
  --markdown FILE       Also write the checklist as Markdown, ready to paste into a ticket
  --concurrency N       Regions scanned at the same time, 1-20 (default 6)
  --home-region R       Region for IAM, STS and the region list (default us-east-1)
  -h, --help            Show this help

Remediation (changes the account; every step asks y/N, default no):
  --apply               Walk through the fixes: deactivate keys, cancel spot requests,
                        snapshot then stop flagged instances, deregister flagged AMIs
  --terminate           With --apply: terminate flagged instances instead of stopping them
  --select IDS          With --apply: only these steps, e.g. key:AKIA...,instance:i-0abc,
                        image:ami-0abc,spot:sir-abc (ids are printed in the plan)
  -y, --yes             With --apply and --select: run the selected steps without asking
  --audit-log FILE      Where every change is recorded before it is made
                        (default triage-audit-<time>.jsonl in the current directory)

Exit codes:
  0  complete report (and every confirmed step succeeded)
  1  partial report: something could not be read, or a confirmed step failed
  2  bad arguments
  3  nothing could be scanned: missing, expired or rejected credentials, a profile that
     does not exist, or AWS unreachable (network, DNS, proxy); a short message says why
`;

const VALUE_FLAGS = new Set([
  "--profile",
  "--regions",
  "--since",
  "--json",
  "--markdown",
  "--select",
  "--audit-log",
  "--concurrency",
  "--home-region",
]);
const BOOLEAN_FLAGS = new Set(["--apply", "--yes", "-y", "--terminate", "--help", "-h"]);
const SELECT_ID = /^(key|instance|image|spot):[A-Za-z0-9-]+$/;

function parseSelection(text: string): Set<string> {
  const ids = text
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  if (ids.length === 0) throw new UsageError("--select needs at least one id.");
  for (const id of ids) {
    if (!SELECT_ID.test(id)) {
      throw new UsageError(
        `--select: "${id}" is not a step id; use key:AKIA..., instance:i-..., ` +
          "image:ami-... or spot:sir-...",
      );
    }
  }
  return new Set(ids);
}

function parseConcurrency(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 20) {
    throw new UsageError(`--concurrency "${text}" must be a whole number from 1 to 20.`);
  }
  return value;
}

function splitInline(arg: string): [string, string | undefined] {
  const equals = arg.indexOf("=");
  if (!arg.startsWith("--") || equals < 0) return [arg, undefined];
  return [arg.slice(0, equals), arg.slice(equals + 1)];
}

/**
 * "-" alone is a value (stdout for --json), and so is a negative number such as "-3d", so that
 * its own check can say what is wrong with it; anything else starting with "-" is an option.
 */
function isValue(arg: string): boolean {
  return arg === "-" || !arg.startsWith("-") || /^-\d/.test(arg);
}

/** Splits argv into flag -> values, accepting both `--flag value` and `--flag=value`. */
function tokenize(argv: string[]): Map<string, string[]> {
  const flags = new Map<string, string[]>();
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = splitInline(argv[index]);
    if (BOOLEAN_FLAGS.has(flag)) {
      if (inline !== undefined) throw new UsageError(`${flag} takes no value.`);
      flags.set(flag === "-y" ? "--yes" : flag === "-h" ? "--help" : flag, []);
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) {
      throw new UsageError(`Unknown option "${argv[index]}". Run with --help for the options.`);
    }
    if (flags.has(flag)) throw new UsageError(`${flag} was given twice.`);
    const values = inline !== undefined ? [inline] : [];
    // --regions also accepts space-separated names, up to the next option.
    const greedy = flag === "--regions";
    while (inline === undefined && index + 1 < argv.length && isValue(argv[index + 1])) {
      values.push(argv[index + 1]);
      index += 1;
      if (!greedy) break;
    }
    if (values.length === 0 || values[0] === "") {
      throw new UsageError(`${flag} needs a value. Run with --help for the options.`);
    }
    flags.set(flag, values);
  }
  return flags;
}

export function parseArgs(argv: string[]): TriageArgs {
  const flags = tokenize(argv);
  const value = (flag: string): string | undefined => flags.get(flag)?.[0];
  const since = value("--since") ?? "7d";
  const args: TriageArgs = {
    help: flags.has("--help"),
    profile: value("--profile"),
    regions: flags.has("--regions") ? parseRegionList(flags.get("--regions") ?? []) : undefined,
    since,
    windowMs: parseSince(since),
    json: value("--json"),
    markdown: value("--markdown"),
    apply: flags.has("--apply"),
    yes: flags.has("--yes"),
    select: flags.has("--select") ? parseSelection(value("--select") ?? "") : undefined,
    terminate: flags.has("--terminate"),
    auditLog: value("--audit-log"),
    concurrency: flags.has("--concurrency") ? parseConcurrency(value("--concurrency") ?? "") : 6,
    homeRegion: checkRegionName(value("--home-region") ?? "us-east-1", "--home-region"),
  };
  for (const flag of ["--yes", "--select", "--terminate", "--audit-log"]) {
    if (flags.has(flag) && !args.apply) {
      throw new UsageError(`${flag} only makes sense with --apply.`);
    }
  }
  if (args.yes && !args.select) {
    throw new UsageError(
      "--yes is refused without an explicit --select list: name the keys, instances, AMIs or " +
        "spot requests to change (e.g. --select key:AKIA...,instance:i-...).",
    );
  }
  return args;
}
