/**
 * Runs one component under the AWS mocks, without the rest of the program, and gives access to
 * what it registered: cheaper than evaluating the whole program where one component is enough.
 */
import * as pulumi from "@pulumi/pulumi";
import { ThreatDetectionConfig, parseConfig } from "../../lib/config";
import { PlannedResource, runUnderMocks } from "../../tools/mockRuntime";
import { TEST_ACCOUNT_ID, toEngineConfig } from "./program";

export interface ComponentRun<T> {
  readonly resources: PlannedResource[];
  readonly outputs: T;
  ofType(type: string): PlannedResource[];
  /** The one resource of a type in a region; fails when there is not exactly one. */
  oneIn(type: string, region: string): PlannedResource;
}

export async function runComponent<T>(build: () => T): Promise<ComponentRun<pulumi.Unwrap<T>>> {
  const { resources, outputs } = await runUnderMocks(build, {
    project: "aws-threat-detection",
    stack: "test",
    config: {},
    accountId: TEST_ACCOUNT_ID,
    enabledRegions: [],
  });
  const ofType = (type: string) => resources.filter((r) => r.type === type);
  return {
    resources,
    outputs,
    ofType,
    oneIn(type, region) {
      const found = ofType(type).filter((r) => r.region === region);
      if (found.length !== 1)
        throw new Error(`expected one ${type} in ${region}, found ${found.length}`);
      return found[0];
    },
  };
}

/** The program's config with its defaults, changed by the keys given (plain objects). */
export function configWith(keys: Record<string, unknown> = {}): ThreatDetectionConfig {
  return parseConfig(toEngineConfig({ "aws:region": "us-east-1", ...keys }));
}

/** A policy input (a JSON string) as an object. */
export function policyOf(resource: PlannedResource, input = "policy"): any {
  return JSON.parse(String(resource.inputs[input]));
}
