/**
 * Shared test settings: dummy credentials and no metadata lookups, so even an unmocked call
 * could never reach real AWS or the instance metadata service.
 */

import { createClientFactory } from "../../triage/clients";
import type { RetryOptions } from "../../triage/concurrency";

process.env.AWS_ACCESS_KEY_ID = "test";
process.env.AWS_SECRET_ACCESS_KEY = "test";
process.env.AWS_EC2_METADATA_DISABLED = "true";
delete process.env.AWS_PROFILE;

/** Retries without waiting; records the delays that would have been used. */
export function instantRetry(attempts = 4): RetryOptions & { waited: number[] } {
  const waited: number[] = [];
  return {
    attempts,
    baseDelayMs: 10,
    sleep: async (ms) => {
      waited.push(ms);
    },
    waited,
  };
}

/** Real SDK clients; aws-sdk-client-mock replaces their `send` at the class level. */
export function testClients() {
  return createClientFactory({ homeRegion: "us-east-1" });
}
