/**
 * Entry point of `npm run triage` and `aws-threat-triage`: parses arguments, scans, prints the
 * checklist, and optionally walks through remediation. Never lets a stack trace reach the user.
 */

import { writeFileSync } from "node:fs";
import { parseArgs, HELP_TEXT, type TriageArgs } from "./args";
import { defaultAuditPath, FileAuditLog } from "./audit";
import { buildChecklist, type Checklist } from "./checklist";
import { type ClientFactory, createClientFactory } from "./clients";
import { defaultRetry, type RetryOptions } from "./concurrency";
import { classifyError, UsageError } from "./errors";
import { describeFailure } from "./failure";
import { checkOutputs, type PathProbe } from "./outputs";
import { lookUpProfile, type ProfileLookup } from "./profiles";
import { createProgress, type Progress } from "./progress";
import { createTerminalPrompt } from "./prompt";
import { applySteps, type Confirm, planSteps, type StepOutcome } from "./remediate";
import { renderJson, renderMarkdown, renderText } from "./report";
import { scanAccount } from "./scan/account";
import type { ScanResult } from "./types";

export const EXIT = { complete: 0, partial: 1, usage: 2, noAccess: 3 } as const;

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Everything the CLI touches from the outside world, so tests can replace each piece. */
export interface CliDependencies {
  stdout: Output;
  stderr: Output;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  clients?: (args: TriageArgs) => ClientFactory;
  confirm?: Confirm;
  retry?: RetryOptions;
  progress?: Progress;
  now?: () => Date;
  writeFile?: (path: string, content: string) => void;
  /** Answers "can this output path be written?" before the scan; defaults to the disk. */
  paths?: PathProbe;
  /** Finds the named profile in the SDK's files; defaults to process.env and the home folder. */
  findProfile?: (flag: string | undefined) => ProfileLookup | undefined;
}

function writeExtras(
  args: TriageArgs,
  checklist: Checklist,
  scan: ScanResult,
  deps: CliDependencies,
): boolean {
  const write = deps.writeFile ?? ((path, content) => writeFileSync(path, content));
  let ok = true;
  const targets: [string | undefined, () => string][] = [
    [args.json, () => renderJson(checklist, scan)],
    [args.markdown, () => renderMarkdown(checklist)],
  ];
  for (const [path, render] of targets) {
    if (!path) continue;
    if (path === "-") {
      deps.stdout.write(render());
      continue;
    }
    try {
      write(path, render());
      deps.stderr.write(`Wrote ${path}\n`);
    } catch (error) {
      ok = false;
      const reason = error instanceof Error ? error.message : String(error);
      deps.stderr.write(`Could not write ${path}: ${reason}\n`);
    }
  }
  return ok;
}

async function remediate(
  args: TriageArgs,
  checklist: Checklist,
  clients: ClientFactory,
  deps: CliDependencies,
): Promise<StepOutcome[]> {
  const steps = planSteps(checklist, args.terminate ? "terminate" : "stop");
  if (steps.length === 0) {
    deps.stderr.write("Nothing for --apply to change.\n");
    return [];
  }
  const known = new Set(steps.map((step) => step.id));
  for (const id of args.select ?? []) {
    if (!known.has(id)) deps.stderr.write(`--select ${id} matches no step in the plan; ignored.\n`);
  }
  deps.stderr.write(`\nRemediation plan (${steps.length} step(s)):\n`);
  for (const step of steps) deps.stderr.write(`  ${step.id}  ${step.description}\n`);
  const auditPath = args.auditLog ?? defaultAuditPath((deps.now ?? (() => new Date()))());
  const audit = new FileAuditLog(auditPath);
  deps.stderr.write(`Audit log: ${auditPath}\n\n`);
  const terminal =
    deps.confirm || args.yes || !deps.stdin
      ? undefined
      : createTerminalPrompt(deps.stdin, deps.stderr as NodeJS.WritableStream);
  try {
    return await applySteps(steps, {
      clients,
      audit,
      retry: deps.retry ?? defaultRetry,
      instanceAction: args.terminate ? "terminate" : "stop",
      confirm: deps.confirm ?? terminal?.confirm ?? (async () => false),
      yes: args.yes,
      selection: args.select,
      log: (line) => deps.stderr.write(`${line}\n`),
    });
  } finally {
    terminal?.close();
    audit.close();
  }
}

async function run(argv: string[], deps: CliDependencies): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    deps.stdout.write(HELP_TEXT);
    return EXIT.complete;
  }
  if (args.apply && !args.yes && !deps.confirm && !deps.stdin?.isTTY) {
    throw new UsageError(
      "--apply asks before every change and needs a terminal; without one, name the steps " +
        "with --select and add --yes.",
    );
  }
  checkOutputs(args, deps.paths);
  const clients = (
    deps.clients ??
    ((a: TriageArgs) => createClientFactory({ profile: a.profile, homeRegion: a.homeRegion }))
  )(args);
  const scan = await scanAccount({
    clients,
    regions: args.regions,
    homeRegion: args.homeRegion,
    windowMs: args.windowMs,
    sinceLabel: args.since,
    now: deps.now?.(),
    concurrency: args.concurrency,
    retry: deps.retry ?? defaultRetry,
    progress: deps.progress ?? createProgress(deps.stderr),
  });
  if (scan.aborted) {
    const profile = (deps.findProfile ?? ((flag) => lookUpProfile(flag)))(args.profile);
    const lines = describeFailure(scan.gaps[0], { homeRegion: args.homeRegion, profile });
    deps.stderr.write(`${lines.join("\n")}\nNo checklist or report file was written.\n`);
    return EXIT.noAccess;
  }
  const checklist = buildChecklist(scan);
  if (args.json !== "-") deps.stdout.write(renderText(checklist));
  const written = writeExtras(args, checklist, scan, deps);
  const outcomes = args.apply ? await remediate(args, checklist, clients, deps) : [];
  const failed = outcomes.filter((outcome) => outcome.status === "failed");
  if (failed.length > 0) deps.stderr.write(`${failed.length} step(s) failed; see above.\n`);
  return checklist.partial || failed.length > 0 || !written ? EXIT.partial : EXIT.complete;
}

/** Runs the command and maps every failure to a message and an exit code. */
export async function main(argv: string[], deps: CliDependencies): Promise<number> {
  try {
    return await run(argv, deps);
  } catch (error) {
    if (error instanceof UsageError) {
      for (const line of error.message.split("\n"))
        deps.stderr.write(`aws-threat-triage: ${line}\n`);
      return EXIT.usage;
    }
    const { reason, advice } = classifyError(error);
    deps.stderr.write(`aws-threat-triage stopped: ${reason}\n${advice}\n`);
    return EXIT.partial;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
  }).then((code) => {
    process.exitCode = code;
  });
}
