/** What every scanner receives, and the helper that turns a failed read into a report gap. */

import type { ClientFactory } from "../clients";
import { type RetryOptions, withRetry } from "../concurrency";
import { classifyError } from "../errors";
import type { ScanGap } from "../types";

export interface ScanContext {
  clients: ClientFactory;
  now: Date;
  windowStart: Date;
  retry: RetryOptions;
}

/** Most list calls are paginated; the cap keeps a misbehaving API from looping forever. */
export const MAX_PAGES = 50;

export class GapRecorder {
  readonly gaps: ScanGap[] = [];

  constructor(private readonly retry: RetryOptions) {}

  /** Runs one read with throttling retries; on failure records a gap and returns undefined. */
  async read<T>(region: string, what: string, call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await withRetry(call, this.retry);
    } catch (error) {
      this.record(region, what, error);
      return undefined;
    }
  }

  record(region: string, what: string, error: unknown): void {
    const { kind, reason, advice } = classifyError(error);
    this.gaps.push({ region, what, reason, advice, kind });
  }
}

/** Follows a token-style pagination until the API says there is nothing more. */
export async function collectPages<P, I>(
  fetchPage: (token: string | undefined) => Promise<P>,
  itemsOf: (page: P) => I[] | undefined,
  nextTokenOf: (page: P) => string | undefined,
): Promise<I[]> {
  const items: I[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await fetchPage(token);
    items.push(...(itemsOf(response) ?? []));
    token = nextTokenOf(response);
    if (!token) break;
  }
  return items;
}
