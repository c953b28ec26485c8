/**
 * Runs in a fresh process started by `npm run bench` after it has registered ts-node the way the
 * Pulumi Node.js host does: loads the program under the AWS mocks and reports how long after the
 * process started the first resource was registered. This file and the mocks are compiled in the
 * same ts-node mode as the program, a small part of the figure.
 */
import * as path from "path";
import { performance } from "perf_hooks";
import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { AwsMockOptions, AwsMocks } from "./awsMocks";

export interface StartupProbeInput extends AwsMockOptions {
  readonly projectDir: string;
  readonly project: string;
  readonly stack: string;
  readonly config: Record<string, string>;
}

export interface StartupProbeResult {
  /** Milliseconds from process start until the program module was loaded (compiled). */
  readonly programLoadedMs: number;
  /** Milliseconds from process start until the engine was asked to register the first resource. */
  readonly firstResourceMs: number;
  readonly peakMemoryMB: number;
}

/** The mocks, noting when the monitor hands them the first registration. */
class FirstRegistrationMocks extends AwsMocks {
  firstResourceAt: number | undefined;

  newResource(args: pulumi.runtime.MockResourceArgs) {
    this.firstResourceAt ??= performance.now();
    return super.newResource(args);
  }
}

/** Loads and runs the program, then writes a StartupProbeResult as one JSON line on stdout. */
export async function runStartupProbe(input: StartupProbeInput): Promise<void> {
  pulumi.runtime.setAllConfig(input.config);
  const mocks = new FirstRegistrationMocks(input);
  await pulumi.runtime.setMocks(mocks, input.project, input.stack, false);

  // Loaded with require, as the host loads a CommonJS program, so the compile happens here.
  const module = require(path.join(input.projectDir, "index")) as {
    default: () => Promise<unknown>;
  };
  const program = module.default;
  const programLoadedMs = performance.now();
  await program();
  await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  if (mocks.firstResourceAt === undefined) throw new Error("the program registered no resource");

  const result: StartupProbeResult = {
    programLoadedMs,
    firstResourceMs: mocks.firstResourceAt,
    peakMemoryMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
