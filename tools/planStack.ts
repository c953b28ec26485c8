/**
 * The offline plan: runs the real program against a stack file under the AWS mocks and describes
 * what a deployment would create, as data (the plan JSON) that reports and the policy runner read.
 */
import * as path from "path";
import { ConfigError } from "../lib/config";
import { DEFAULT_ENABLED_REGIONS, SkippedCapability } from "../lib/regions";
import { PlannedResource, runUnderMocks } from "./mockRuntime";
import { loadStackConfig, readProjectName } from "./stackFile";

/** The account id the mocks answer with in single-account mode. */
export const PLACEHOLDER_ACCOUNT_ID = "123456789012";

export interface PlanOptions {
  readonly projectDir: string;
  readonly stack: string;
  /** A stack config file elsewhere; default `Pulumi.<stack>.yaml` in the project. */
  readonly stackFile?: string;
  /** What region discovery returns; default the 17 regions every account has. */
  readonly enabledRegions?: readonly string[];
}

export type PlanMode = "single-account" | "organization";

export interface Plan {
  project: string;
  stack: string;
  mode: PlanMode;
  homeRegion: string;
  regions: string[];
  outputs: Record<string, unknown>;
  skipped: SkippedCapability[];
  /** What `pulumi up` would show as warnings. */
  warnings: string[];
  resources: PlannedResource[];
}

export { ConfigError };

export async function planStack(options: PlanOptions): Promise<Plan> {
  const project = readProjectName(options.projectDir);
  const stackFile =
    options.stackFile ?? path.join(options.projectDir, `Pulumi.${options.stack}.yaml`);
  const config = loadStackConfig(stackFile, project);
  const program = (await import(path.join(options.projectDir, "index"))).default as () => Promise<
    Record<string, unknown>
  >;
  const run = await runUnderMocks(program, {
    project,
    stack: options.stack,
    config,
    accountId: PLACEHOLDER_ACCOUNT_ID,
    enabledRegions: options.enabledRegions ?? DEFAULT_ENABLED_REGIONS,
  });
  const outputs = run.outputs as Record<string, unknown>;
  return {
    project,
    stack: options.stack,
    mode: `${project}:organization` in config ? "organization" : "single-account",
    homeRegion: String(outputs["homeRegion"]),
    regions: (outputs["coveredRegions"] as string[]) ?? [],
    outputs,
    skipped: (outputs["skipped"] as SkippedCapability[] | undefined) ?? [],
    warnings: run.warnings,
    resources: run.resources,
  };
}
