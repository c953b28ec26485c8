/**
 * Shows that the triage scans regions concurrently. Every SDK client is mocked; each region
 * answers after an artificial delay. Prints the sum of per-region times (what a sequential scan
 * costs) next to measured wall times. A demonstration, not a test: nothing here asserts timing.
 *
 *   npx ts-node --transpile-only tools/bench-triage.ts
 */

import "../tests/triage/setup";
import { createClientFactory } from "../triage/clients";
import { scanAccount } from "../triage/scan/account";
import { DEFAULT_ENABLED_REGIONS } from "../triage/regions";
import { breachedAccount, NOW } from "../tests/fixtures/triage/breached-account";
import { installAwsMocks } from "../tests/triage/mock-aws";

const account = breachedAccount();
for (const region of DEFAULT_ENABLED_REGIONS) {
  account.byRegion[region] ??= { ...account.byRegion["us-west-2"] };
}
account.regions = { Regions: DEFAULT_ENABLED_REGIONS.map((RegionName) => ({ RegionName })) };

const aws = installAwsMocks(account);
// Per-call latency: spread between 40 and 200 ms so one region is clearly the slowest.
DEFAULT_ENABLED_REGIONS.forEach((region, index) => {
  aws.delays.set(region, 40 + Math.round((160 * index) / (DEFAULT_ENABLED_REGIONS.length - 1)));
});

async function timeScan(regions: readonly string[], concurrency: number): Promise<number> {
  const started = process.hrtime.bigint();
  await scanAccount({
    clients: createClientFactory({ homeRegion: "us-east-1" }),
    regions: [...regions],
    homeRegion: "us-east-1",
    windowMs: 7 * 86_400_000,
    now: NOW,
    concurrency,
    retry: { attempts: 3, baseDelayMs: 1, sleep: async () => {} },
  });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function run(): Promise<void> {
  const perRegion: number[] = [];
  for (const region of DEFAULT_ENABLED_REGIONS) perRegion.push(await timeScan([region], 1));
  const sum = perRegion.reduce((total, ms) => total + ms, 0);
  const slowest = Math.max(...perRegion);
  const all = DEFAULT_ENABLED_REGIONS.length;
  const wallBounded = await timeScan(DEFAULT_ENABLED_REGIONS, 6);
  const wallUnbounded = await timeScan(DEFAULT_ENABLED_REGIONS, all);
  const wallSequential = await timeScan(DEFAULT_ENABLED_REGIONS, 1);
  const format = (ms: number): string => `${ms.toFixed(0).padStart(6)} ms`;
  const lines = [
    `regions: ${all}, per-call delay 40..200 ms by region`,
    `slowest single region (alone):         ${format(slowest)}`,
    `sum of single-region times:            ${format(sum)}`,
    `measured, concurrency 1 (sequential):  ${format(wallSequential)}`,
    `measured, concurrency 6 (default):     ${format(wallBounded)}`,
    `measured, concurrency ${all}:              ${format(wallUnbounded)}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  aws.restore();
}

void run();
