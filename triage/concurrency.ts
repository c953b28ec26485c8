/** Bounded parallelism and throttling retries, with delays injectable so tests stay fast. */

import { isThrottling } from "./errors";

/**
 * Runs `worker` over `items` with at most `limit` in flight and keeps results in input order.
 * A worker that throws does not stop the others; callers are expected to catch inside `worker`.
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  worker: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Math.max(1, Math.min(limit, items.length));
  const runLane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await worker(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: lanes }, runLane));
  return results;
}

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  sleep: Sleep;
}

export const defaultRetry: RetryOptions = { attempts: 5, baseDelayMs: 400, sleep: realSleep };

/** Retries only throttling errors, with exponential backoff and a little jitter. */
export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= options.attempts || !isThrottling(error)) throw error;
      const backoff = options.baseDelayMs * 2 ** (attempt - 1);
      await options.sleep(backoff + Math.floor(Math.random() * options.baseDelayMs));
    }
  }
}
