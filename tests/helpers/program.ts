/**
 * Runs the real program under the AWS mocks for a test, with config written as a plain object.
 * Runs are cached by their arguments: evaluating the program is the slow part of the suite.
 */
import main from "../../index";
import { DEFAULT_ENABLED_REGIONS } from "../../lib/regions";
import { PlannedResource, runUnderMocks } from "../../tools/mockRuntime";

export const TEST_ACCOUNT_ID = "123456789012";

export interface TestRun {
  readonly resources: PlannedResource[];
  readonly outputs: Record<string, unknown>;
  /** Custom resources of one type, e.g. "aws:guardduty/detector:Detector". */
  ofType(type: string): PlannedResource[];
}

export interface TestRunOptions {
  /**
   * Config keys without namespace belong to aws-threat-detection (`alerts`), keys with one are
   * kept (`aws:region`). Values are written as the engine passes them (objects as JSON).
   */
  readonly config?: Record<string, unknown>;
  readonly enabledRegions?: readonly string[];
  /** Generated accounts in the mocks' organization besides the management and security ones. */
  readonly organizationMemberCount?: number;
}

/** The smallest valid stack: home region us-east-1, one email. */
export const BASE_CONFIG: Record<string, unknown> = {
  "aws:region": "us-east-1",
  alerts: { emails: ["security@example.com"] },
};

export function toEngineConfig(config: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    const fullKey = key.includes(":") ? key : `aws-threat-detection:${key}`;
    result[fullKey] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return result;
}

const cache = new Map<string, Promise<TestRun>>();

export function runProgram(options: TestRunOptions = {}): Promise<TestRun> {
  const config = toEngineConfig(options.config ?? BASE_CONFIG);
  const enabledRegions = options.enabledRegions ?? DEFAULT_ENABLED_REGIONS;
  const organizationMemberCount = options.organizationMemberCount;
  const key = JSON.stringify({ config, enabledRegions, organizationMemberCount });
  let run = cache.get(key);
  if (run === undefined) {
    run = runUnderMocks(main, {
      project: "aws-threat-detection",
      stack: "test",
      config,
      accountId: TEST_ACCOUNT_ID,
      enabledRegions,
      organizationMemberCount,
    }).then(({ resources, outputs }) => ({
      resources,
      outputs: outputs as Record<string, unknown>,
      ofType: (type: string) => resources.filter((r) => r.type === type),
    }));
    cache.set(key, run);
    // A failed run is not cached, so a test of bad config always sees its own error.
    run.catch(() => cache.delete(key));
  }
  return run;
}
