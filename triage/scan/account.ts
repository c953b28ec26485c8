/** Runs every scanner: IAM once, then each region with bounded concurrency. */

import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { ClientFactory } from "../clients";
import { mapWithLimit, type RetryOptions, withRetry } from "../concurrency";
import { classifyError, isCredentialFailure, isNetworkFailure } from "../errors";
import { type Progress, silentProgress } from "../progress";
import { listEnabledRegions } from "../regions";
import type { IamScan, RegionScan, ScanGap, ScanResult } from "../types";
import { findInstanceLaunchers } from "./cloudtrail";
import { GapRecorder, type ScanContext } from "./context";
import { scanDetection } from "./detection";
import { scanEc2 } from "./ec2";
import { scanIam } from "./iam";
import { scanLambda } from "./lambda";

export interface ScanOptions {
  clients: ClientFactory;
  /** Explicit regions from `--regions`; otherwise the account's enabled regions. */
  regions?: string[];
  homeRegion: string;
  windowMs: number;
  now?: Date;
  concurrency: number;
  retry: RetryOptions;
  progress?: Progress;
  sinceLabel?: string;
}

const EMPTY_IAM: IamScan = { users: [], accessKeys: [], recentChanges: [], gaps: [] };

export async function scanRegion(context: ScanContext, region: string): Promise<RegionScan> {
  const gaps = new GapRecorder(context.retry);
  const [ec2, lambdas, launchers, detection] = await Promise.all([
    scanEc2(context, region, gaps),
    scanLambda(context, region, gaps),
    findInstanceLaunchers(context, region, gaps),
    scanDetection(context, region, gaps),
  ]);
  const instances = ec2.instances.map((instance) => ({
    ...instance,
    launchedBy: launchers.get(instance.instanceId)?.actor,
    launchedWithKey: launchers.get(instance.instanceId)?.accessKeyId,
  }));
  return { region, ...ec2, instances, lambdas, detection, gaps: gaps.gaps };
}

function gapFrom(region: string, what: string, error: unknown): ScanGap {
  return { region, what, ...classifyError(error) };
}

export async function scanAccount(options: ScanOptions): Promise<ScanResult> {
  const now = options.now ?? new Date();
  const context: ScanContext = {
    clients: options.clients,
    now,
    windowStart: new Date(now.getTime() - options.windowMs),
    retry: options.retry,
  };
  const progress = options.progress ?? silentProgress;
  const base = {
    scannedAt: now.toISOString(),
    windowStart: context.windowStart.toISOString(),
    since: options.sinceLabel ?? `${Math.round(options.windowMs / 3_600_000)}h`,
  };

  // One cheap call first: with bad credentials every other call would fail the same way.
  let accountId: string | undefined;
  let callerArn: string | undefined;
  const gaps: ScanGap[] = [];
  try {
    const identity = await withRetry(
      () => options.clients.sts().send(new GetCallerIdentityCommand({})),
      options.retry,
    );
    accountId = identity.Account;
    callerArn = identity.Arn;
  } catch (error) {
    gaps.push(gapFrom("global", "the identity of these credentials", error));
    // Unreachable AWS fails every later call the same way, after retries and timeouts each:
    // one clear message beats a report made only of blind spots.
    if (isCredentialFailure(error) || isNetworkFailure(error)) {
      return { ...base, regions: [], iam: EMPTY_IAM, regionScans: [], gaps, aborted: true };
    }
  }

  let regions = options.regions;
  if (!regions) {
    const choice = await listEnabledRegions(options.clients, options.homeRegion, options.retry);
    regions = choice.regions;
    if (choice.gap) gaps.push(choice.gap);
  }

  progress.start(regions.length + 1);
  const iamTask = scanIam(context, options.homeRegion).then((iam) => {
    progress.done("IAM", iam.gaps.length);
    return iam;
  });
  const regionTask = mapWithLimit(regions, options.concurrency, async (region) => {
    const scan = await scanRegion(context, region);
    progress.done(region, scan.gaps.length);
    return scan;
  });
  const [iam, regionScans] = await Promise.all([iamTask, regionTask]);
  progress.finish();
  return { ...base, accountId, callerArn, regions, iam, regionScans, gaps, aborted: false };
}
