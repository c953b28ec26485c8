/** Which regions to scan: the enabled ones by default, or exactly what `--regions` names. */

import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import type { ClientFactory } from "./clients";
import { type RetryOptions, withRetry } from "./concurrency";
import { classifyError, UsageError } from "./errors";
import type { ScanGap } from "./types";
import { DEFAULT_ENABLED_REGIONS } from "../lib/regions";

/** Regions every account has enabled; used only when DescribeRegions itself fails. */
export { DEFAULT_ENABLED_REGIONS } from "../lib/regions";

const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** The same shape check for `--regions` and `--home-region`; `flag` prefixes the message. */
export function checkRegionName(region: string, flag?: string): string {
  if (!REGION_PATTERN.test(region)) {
    const subject = flag ? `${flag} "${region}"` : `"${region}"`;
    throw new UsageError(`${subject} is not a region name (expected e.g. us-east-1).`);
  }
  return region;
}

export function parseRegionList(values: string[]): string[] {
  const regions = values
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
  if (regions.length === 0) throw new UsageError("--regions needs at least one region name.");
  for (const region of regions) checkRegionName(region);
  return [...new Set(regions)];
}

export interface RegionChoice {
  regions: string[];
  gap?: ScanGap;
}

/** Asks EC2 for the regions the account has enabled (DescribeRegions omits the others). */
export async function listEnabledRegions(
  clients: ClientFactory,
  homeRegion: string,
  retry: RetryOptions,
): Promise<RegionChoice> {
  try {
    const response = await withRetry(
      () =>
        clients.ec2(homeRegion).send(
          new DescribeRegionsCommand({
            Filters: [{ Name: "opt-in-status", Values: ["opt-in-not-required", "opted-in"] }],
          }),
        ),
      retry,
    );
    const regions = (response.Regions ?? [])
      .map((region) => region.RegionName)
      .filter((name): name is string => Boolean(name))
      .sort();
    if (regions.length > 0) return { regions };
    return { regions: [...DEFAULT_ENABLED_REGIONS] };
  } catch (error) {
    const { kind, reason, advice } = classifyError(error);
    return {
      regions: [...DEFAULT_ENABLED_REGIONS],
      gap: {
        region: homeRegion,
        what: "the list of enabled regions (scanned the default regions instead)",
        reason,
        advice,
        kind,
      },
    };
  }
}
