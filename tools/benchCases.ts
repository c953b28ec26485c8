/**
 * What `npm run bench` measures: the prod stack's config in single-account and organization mode,
 * for 1, 17 and 34 enabled regions, and how the figures of one case are summarised.
 */
import * as path from "path";
import { AWS_REGIONS, DEFAULT_ENABLED_REGIONS } from "../lib/regions";
import { PlannedResource } from "./mockRuntime";
import { loadStackConfig, readProjectName } from "./stackFile";

export type BenchMode = "single-account" | "organization";

export interface BenchCase {
  readonly mode: BenchMode;
  /** What region discovery returns; the prod stack covers every enabled region. */
  readonly enabledRegions: readonly string[];
  /** Config as the engine passes it (`namespace:key` to string). */
  readonly config: Record<string, string>;
}

/** The summary of one case, as printed and as written by `--json`. */
export interface BenchResult {
  mode: BenchMode;
  /** Regions the program covered. */
  regions: number;
  resources: number;
  providers: number;
  /** Median wall time of one evaluation of the program, in milliseconds. */
  programMs: number;
  /** Median wall time of one evaluation of the SDK floor for the same resources. */
  floorMs: number;
  /** programMs / floorMs. */
  ratio: number;
  /** The same ratio of median CPU times (user + system), steadier on a busy machine. */
  cpuRatio: number;
  /** Peak resident memory of the process that evaluated the program. */
  peakMemoryMB: number;
  /** Peak resident memory of the process that evaluated the floor. */
  floorPeakMemoryMB: number;
}

/** Placeholder organization accounts; they only need to be valid and distinct. */
export const BENCH_ORGANIZATION = {
  managementAccountId: "111111111111",
  securityAccountId: "222222222222",
  managementRoleArn: "arn:aws:iam::111111111111:role/threat-detection-deployer",
  securityRoleArn: "arn:aws:iam::222222222222:role/threat-detection-deployer",
};

/** The home region first, then the 17 default regions, then every region AWS lists. */
export function regionSets(homeRegion: string): string[][] {
  const all = AWS_REGIONS.map((r) => r.name);
  return [[homeRegion], [...DEFAULT_ENABLED_REGIONS], all];
}

/** Every case of a run, single-account first, from the project's `Pulumi.prod.yaml`. */
export function benchCases(projectDir: string): BenchCase[] {
  const project = readProjectName(projectDir);
  const prod = loadStackConfig(path.join(projectDir, "Pulumi.prod.yaml"), project);
  const organizationKey = `${project}:organization`;
  const single = Object.fromEntries(
    Object.entries(prod).filter(([key]) => key !== organizationKey),
  );
  const organization = { ...single, [organizationKey]: JSON.stringify(BENCH_ORGANIZATION) };
  const homeRegion = single[`${project}:homeRegion`] ?? single["aws:region"];
  const cases: BenchCase[] = [];
  for (const [mode, config] of [
    ["single-account", single],
    ["organization", organization],
  ] as const) {
    for (const enabledRegions of regionSets(homeRegion))
      cases.push({ mode, enabledRegions, config });
  }
  return cases;
}

/** Resource types that only an organization deployment registers. */
const ORGANIZATION_TYPE = /organization|delegatedAdmin/i;

/**
 * Why an organization-mode run does not show organization mode, or undefined when it does: a
 * program that ignores `aws-threat-detection:organization` plans a single account instead.
 */
export function organizationModeMissing(
  resources: readonly Pick<PlannedResource, "type">[],
): string | undefined {
  if (resources.some((r) => ORGANIZATION_TYPE.test(r.type))) return undefined;
  return (
    "the program registered no organization resource (delegated administrator, organization " +
    "configuration): it does not implement aws-threat-detection:organization yet"
  );
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function countProviders(resources: readonly Pick<PlannedResource, "type">[]): number {
  return resources.filter((r) => r.type.startsWith("pulumi:providers:")).length;
}
