/**
 * One step of a case of `npm run bench`, in a process of its own so that its peak memory is its
 * own: the real program and the SDK floor (the same resources, registered bare) under the AWS mocks.
 */
import * as path from "path";
import { performance } from "perf_hooks";
import { floorProgram, FloorResource } from "./benchFloor";
import { MockRunOptions, PlannedResource, runUnderMocks } from "./mockRuntime";

export const BENCH_PROJECT = "aws-threat-detection";
export const BENCH_STACK = "prod";
export const BENCH_ACCOUNT_ID = "123456789012";

interface TaskBase {
  readonly projectDir: string;
  readonly config: Record<string, string>;
  readonly enabledRegions: readonly string[];
  readonly warmups: number;
}

/**
 * "record": evaluate the program `warmups` times (at least once) for its peak memory and its
 * resources. "compare": the floor for those resources, `warmups` times for its peak memory, then
 * the program and the floor in alternating order `repetitions` times each for the timings, so
 * that a busy machine (other work on the same two cores) slows both alike.
 */
export type WorkerTask =
  | (TaskBase & { readonly kind: "record" })
  | (TaskBase & {
      readonly kind: "compare";
      readonly resources: readonly FloorResource[];
      readonly repetitions: number;
    });

export interface RecordResult {
  readonly peakMemoryMB: number;
  /** Resources of the last evaluation (only what the floor needs). */
  readonly resources: FloorResource[];
  /** Regions the program covered (its `coveredRegions` output). */
  readonly coveredRegions?: number;
}

export interface CompareResult {
  readonly floorPeakMemoryMB: number;
  /** Wall time of each timed evaluation, in milliseconds. */
  readonly programMs: number[];
  readonly floorMs: number[];
  /** CPU time (user + system) of each timed evaluation: less disturbed by other work. */
  readonly programCpuMs: number[];
  readonly floorCpuMs: number[];
}

export type WorkerReply<T> =
  { readonly ok: true; readonly result: T } | { readonly ok: false; readonly error: string };

function floorView(resources: readonly PlannedResource[]): FloorResource[] {
  return resources.map(({ urn, type, name, custom, parent, provider, inputs }) => ({
    urn,
    type,
    name,
    custom,
    parent,
    provider,
    inputs,
  }));
}

/** The process's peak resident set size so far: what the kernel reports, not the current heap. */
function peakMemoryMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function loadProgram(projectDir: string): Promise<() => Promise<unknown>> {
  const module = (await import(path.join(projectDir, "index"))) as {
    default: () => Promise<unknown>;
  };
  return module.default;
}

// `--expose-gc` is passed by the bench: collecting before each evaluation keeps one evaluation's
// garbage out of the next one's time and memory.
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function evaluate<T>(program: () => T, options: MockRunOptions) {
  collectGarbage();
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const run = await runUnderMocks(program, options);
  const cpu = process.cpuUsage(cpuStart);
  return { run, ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function mockOptions(task: TaskBase): MockRunOptions {
  return {
    project: BENCH_PROJECT,
    stack: BENCH_STACK,
    config: task.config,
    accountId: BENCH_ACCOUNT_ID,
    enabledRegions: task.enabledRegions,
    // Measure what `pulumi up` pays: the host loads the program through ts-node's source maps.
    sourceMappedStackTraces: true,
  };
}

export async function recordProgram(task: TaskBase): Promise<RecordResult> {
  const program = await loadProgram(task.projectDir);
  let last = (await evaluate(program, mockOptions(task))).run;
  for (let i = 1; i < task.warmups; i++) last = (await evaluate(program, mockOptions(task))).run;
  const covered = (last.outputs as { coveredRegions?: unknown } | undefined)?.coveredRegions;
  return {
    peakMemoryMB: peakMemoryMB(),
    resources: floorView(last.resources),
    coveredRegions: Array.isArray(covered) ? covered.length : undefined,
  };
}

export async function compareWithFloor(
  task: TaskBase & { resources: readonly FloorResource[]; repetitions: number },
): Promise<CompareResult> {
  const options = mockOptions(task);
  const floor = floorProgram(task.resources);
  for (let i = 0; i < Math.max(1, task.warmups); i++) {
    const { run } = await evaluate(floor, options);
    if (run.resources.length !== task.resources.length) {
      throw new Error(
        `the floor registered ${run.resources.length} resources, not ${task.resources.length}`,
      );
    }
  }
  const floorPeakMemoryMB = peakMemoryMB();
  const program = await loadProgram(task.projectDir);
  for (let i = 0; i < task.warmups; i++) await evaluate(program, options);
  const result: CompareResult = {
    floorPeakMemoryMB,
    programMs: [],
    floorMs: [],
    programCpuMs: [],
    floorCpuMs: [],
  };
  for (let i = 0; i < task.repetitions; i++) {
    // Alternate which goes first, so neither always follows the other's garbage or warm caches.
    const order = i % 2 === 0 ? [program, floor] : [floor, program];
    for (const evaluated of order) {
      const { ms, cpuMs } = await evaluate(evaluated, options);
      if (evaluated === program) {
        result.programMs.push(ms);
        result.programCpuMs.push(cpuMs);
      } else {
        result.floorMs.push(ms);
        result.floorCpuMs.push(cpuMs);
      }
    }
  }
  return result;
}

function runTask(task: WorkerTask): Promise<RecordResult | CompareResult> {
  return task.kind === "record" ? recordProgram(task) : compareWithFloor(task);
}

if (require.main === module) {
  process.once("message", (task: WorkerTask) => {
    runTask(task)
      .then(
        (result): WorkerReply<unknown> => ({ ok: true, result }),
        (err: unknown): WorkerReply<unknown> => ({
          ok: false,
          error: (err as Error)?.message ?? String(err),
        }),
      )
      .then((reply) => process.send!(reply, () => process.exit(0)));
  });
}
