/**
 * `npm run bench [-- --json FILE]`: how long the program takes to evaluate under the AWS mocks
 * compared with the Pulumi SDK's own floor for the same resources, and how long `pulumi up` waits
 * for its first resource with and without the runtime type-check. A benchmark, not a test.
 */
import { fork } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import {
  BenchCase,
  BenchResult,
  benchCases,
  countProviders,
  median,
  organizationModeMissing,
} from "./benchCases";
import { TsNodeMode, measureStartup } from "./benchStartup";
import {
  BENCH_ACCOUNT_ID,
  BENCH_PROJECT,
  BENCH_STACK,
  CompareResult,
  RecordResult,
  WorkerReply,
  WorkerTask,
} from "./benchWorker";
import { StartupProbeResult } from "./startupProbe";
import { parseOrExplain } from "./commandLine";

const HELP = `Usage: npm run bench -- [options]

Evaluates the program under the AWS mocks for 1, 17 and 34 enabled regions, in single-account and
organization mode, next to a bare program that registers the same resources (the SDK floor), and
measures the time to the first registered resource with and without ts-node's type-check.
Each measurement runs in a process of its own.

Options:
  --json FILE          also write the cases as JSON to FILE
  --repetitions N      timed evaluations per case, median reported (default 5)
  --warmups N          untimed evaluations first (default 1)
  --startup-runs N     processes per start-up mode, median reported (default 3)
  -h, --help           show this help`;

function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new Error(`--${name} must be a whole number, got ${value}`);
  }
  return parsed;
}

/** Throws on a bad option; main prints the message and the usage. */
function parseCommandLine(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: "string" },
      repetitions: { type: "string" },
      warmups: { type: "string" },
      "startup-runs": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  const repetitions = positiveInteger(values.repetitions, "repetitions", 5);
  if (repetitions === 0) throw new Error("--repetitions must be at least 1");
  return {
    help: values.help === true,
    json: values.json,
    repetitions,
    warmups: positiveInteger(values.warmups, "warmups", 1),
    startupRuns: positiveInteger(values["startup-runs"], "startup-runs", 3),
  };
}

interface Counts {
  readonly warmups: number;
  readonly repetitions: number;
}

/** Runs one task in a fresh process (ts-node transpile-only, GC exposed) and returns its result. */
function runInWorker(task: WorkerTask & { kind: "record" }): Promise<RecordResult>;
function runInWorker(task: WorkerTask & { kind: "compare" }): Promise<CompareResult>;
function runInWorker(task: WorkerTask): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, "benchWorker.ts"), [], {
      execArgv: ["--expose-gc", "-r", "ts-node/register/transpile-only"],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    let reply: WorkerReply<unknown> | undefined;
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("message", (message: WorkerReply<unknown>) => (reply = message));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (reply?.ok) resolve(reply.result);
      else {
        const detail = stderr.trim().slice(0, 800);
        reject(new Error(reply?.error ?? `the worker exited with code ${code}: ${detail}`));
      }
    });
    child.send(task);
  });
}

/** A case in two processes: the program alone (memory, resources), then program against floor. */
async function measureCase(benchCase: BenchCase, projectDir: string, counts: Counts) {
  const { config, enabledRegions } = benchCase;
  const base = { projectDir, config, enabledRegions, warmups: counts.warmups };
  const program = await runInWorker({ ...base, kind: "record" });
  if (benchCase.mode === "organization") {
    const missing = organizationModeMissing(program.resources);
    if (missing) return { skipped: missing };
  }
  const compared = await runInWorker({
    ...base,
    kind: "compare",
    resources: program.resources,
    repetitions: counts.repetitions,
  });
  const programMs = median(compared.programMs);
  const floorMs = median(compared.floorMs);
  const cpuRatio = median(compared.programCpuMs) / median(compared.floorCpuMs);
  const result: BenchResult = {
    mode: benchCase.mode,
    regions: program.coveredRegions ?? benchCase.enabledRegions.length,
    resources: program.resources.length,
    providers: countProviders(program.resources),
    programMs: Math.round(programMs),
    floorMs: Math.round(floorMs),
    ratio: Math.round((programMs / floorMs) * 100) / 100,
    cpuRatio: Math.round(cpuRatio * 100) / 100,
    peakMemoryMB: program.peakMemoryMB,
    floorPeakMemoryMB: compared.floorPeakMemoryMB,
  };
  return { result };
}

const COLUMNS: [string, number][] = [
  ["Mode", 15],
  ["Regions", 8],
  ["Resources", 10],
  ["Providers", 10],
  ["Program ms", 11],
  ["Floor ms", 9],
  ["Ratio", 6],
  ["CPU ratio", 10],
  ["Peak MB", 8],
  ["Floor peak MB", 14],
];

function row(cells: (string | number)[]): string {
  const width = (i: number) => COLUMNS[i][1];
  return cells
    .map((cell, i) => (i === 0 ? String(cell).padEnd(width(i)) : String(cell).padStart(width(i))))
    .join(" ");
}

export function renderCase(r: BenchResult): string {
  return row([
    r.mode,
    r.regions,
    r.resources,
    r.providers,
    r.programMs,
    r.floorMs,
    r.ratio.toFixed(2),
    r.cpuRatio.toFixed(2),
    r.peakMemoryMB,
    r.floorPeakMemoryMB,
  ]);
}

export function renderStartup(results: Record<TsNodeMode, StartupProbeResult[]>): string[] {
  const line = (label: string, runs: StartupProbeResult[]) =>
    `${label.padEnd(44)}${`${median(runs.map((r) => r.firstResourceMs)).toFixed(0)} ms`.padStart(12)}` +
    `${`${median(runs.map((r) => r.programLoadedMs)).toFixed(0)} ms`.padStart(16)}` +
    `${median(runs.map((r) => r.peakMemoryMB))
      .toFixed(0)
      .padStart(10)}`;
  return [
    `${"ts-node as the Pulumi host registers it".padEnd(44)}${"1st resource".padStart(12)}` +
      `${"program loaded".padStart(16)}${"Peak MB".padStart(10)}`,
    line("transpile-only (tsconfig noCheck: true)", results["transpile-only"]),
    line("type-check (without noCheck)", results["type-check"]),
  ];
}

/**
 * Time to the first resource in each ts-node mode, the modes alternating so that any drift of the
 * machine falls on both; single-account with the 17 default regions.
 */
async function measureStartupModes(projectDir: string, runs: number): Promise<string[]> {
  const { config, enabledRegions } = benchCases(projectDir)[1];
  const input = {
    projectDir,
    project: BENCH_PROJECT,
    stack: BENCH_STACK,
    config,
    enabledRegions,
    accountId: BENCH_ACCOUNT_ID,
  };
  const results: Record<TsNodeMode, StartupProbeResult[]> = {
    "transpile-only": [],
    "type-check": [],
  };
  for (let i = 0; i < runs; i++) {
    for (const mode of ["transpile-only", "type-check"] as const) {
      results[mode].push(await measureStartup(mode, input));
    }
  }
  return [
    `Start-up, from process start: median of ${runs} processes per mode (single-account, ` +
      `${enabledRegions.length} regions)`,
    ...renderStartup(results),
  ];
}

async function main(argv: string[], projectDir: string): Promise<number> {
  const args = parseOrExplain(argv, parseCommandLine, HELP);
  if (typeof args === "number") return args;
  const counts = { warmups: args.warmups, repetitions: args.repetitions };
  process.stdout.write(
    `Program vs SDK floor under the AWS mocks: median of ${args.repetitions} evaluations after ` +
      `${args.warmups} warm-ups, each case in its own process\n\n${row(COLUMNS.map(([name]) => name))}\n`,
  );
  const results: BenchResult[] = [];
  for (const benchCase of benchCases(projectDir)) {
    const label = `${benchCase.mode}, ${benchCase.enabledRegions.length} enabled regions`;
    let outcome: Awaited<ReturnType<typeof measureCase>>;
    try {
      outcome = await measureCase(benchCase, projectDir, counts);
    } catch (err) {
      if (benchCase.mode === "single-account")
        throw new Error(`${label}: ${(err as Error).message}`);
      outcome = { skipped: `the program failed: ${(err as Error).message.split("\n")[0]}` };
    }
    if ("skipped" in outcome) process.stdout.write(`skipped ${label}: ${outcome.skipped}\n`);
    else {
      results.push(outcome.result);
      process.stdout.write(`${renderCase(outcome.result)}\n`);
    }
  }

  if (args.startupRuns > 0) {
    const lines = await measureStartupModes(projectDir, args.startupRuns);
    process.stdout.write(`\n${lines.join("\n")}\n`);
  }

  if (args.json) {
    fs.writeFileSync(args.json, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`\nCases written to ${args.json}\n`);
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2), path.resolve(__dirname, "..")).then(
    (code) => (process.exitCode = code),
    (err: Error) => {
      process.stderr.write(`bench: ${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
