/**
 * Checks, before any AWS call, that every file the run will write can be written: a scan of
 * every region takes minutes, and a typo in `--markdown` should not throw its result away.
 */

import { accessSync, constants, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { TriageArgs } from "./args";
import { UsageError } from "./errors";

/** The file-system questions asked, so tests can answer them without touching the disk. */
export interface PathProbe {
  /** "file", "directory", "other", or undefined when nothing is at the path. */
  kindOf(path: string): "file" | "directory" | "other" | undefined;
  writable(path: string): boolean;
}

export const diskProbe: PathProbe = {
  kindOf(path) {
    try {
      const stats = statSync(path);
      return stats.isFile() ? "file" : stats.isDirectory() ? "directory" : "other";
    } catch {
      return undefined;
    }
  },
  writable(path) {
    try {
      accessSync(path, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  },
};

/** Why `path` cannot be written, or undefined when it can. */
export function unwritableReason(path: string, probe: PathProbe): string | undefined {
  const kind = probe.kindOf(path);
  if (kind === "directory") return "it is a directory; give a file name";
  if (kind === "file") return probe.writable(path) ? undefined : "the file is not writable";
  // Pipes and devices (/dev/stdout, say) are fine as long as they can be opened for writing.
  if (kind === "other") return probe.writable(path) ? undefined : "it is not writable";
  const directory = dirname(resolve(path));
  const directoryKind = probe.kindOf(directory);
  if (directoryKind === undefined) return `the directory ${directory} does not exist`;
  if (directoryKind !== "directory") return `${directory} is not a directory`;
  if (!probe.writable(directory)) return `the directory ${directory} is not writable`;
  return undefined;
}

/** Every output path named on the command line, with the option that named it. */
function outputTargets(args: TriageArgs): [string, string][] {
  const targets: [string, string | undefined][] = [
    ["--json", args.json],
    ["--markdown", args.markdown],
    ["--audit-log", args.auditLog],
  ];
  return targets.filter(
    (target): target is [string, string] => Boolean(target[1]) && target[1] !== "-",
  );
}

/** Throws one UsageError listing every output that cannot be written. */
export function checkOutputs(args: TriageArgs, probe: PathProbe = diskProbe): void {
  const problems: string[] = [];
  for (const [flag, path] of outputTargets(args)) {
    const reason = unwritableReason(path, probe);
    if (reason) problems.push(`${flag} ${path} cannot be written: ${reason}.`);
  }
  if (args.apply && !args.auditLog && !probe.writable(process.cwd())) {
    problems.push(
      `the audit log of --apply goes to the current directory, which is not writable; ` +
        "pass --audit-log FILE.",
    );
  }
  if (problems.length > 0) {
    throw new UsageError(
      `${problems.join("\n")}\nNothing was scanned; fix the path and run again.`,
    );
  }
}
