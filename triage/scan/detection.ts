/** Whether GuardDuty, Security Hub, Inspector and CloudTrail are watching a region. */

import { GetDetectorCommand, ListDetectorsCommand } from "@aws-sdk/client-guardduty";
import { BatchGetAccountStatusCommand } from "@aws-sdk/client-inspector2";
import { DescribeHubCommand } from "@aws-sdk/client-securityhub";
import type { DetectionState } from "../types";
import { READS } from "../reads";
import { readTrailLogging } from "./cloudtrail";
import type { GapRecorder, ScanContext } from "./context";

/** Security Hub answers "not subscribed" with an error rather than an empty result. */
const HUB_OFF_ERRORS = new Set(["InvalidAccessException", "ResourceNotFoundException"]);

async function readGuardDuty(context: ScanContext, region: string): Promise<boolean> {
  const guardDuty = context.clients.guardDuty(region);
  const { DetectorIds } = await guardDuty.send(new ListDetectorsCommand({}));
  for (const DetectorId of DetectorIds ?? []) {
    const detector = await guardDuty.send(new GetDetectorCommand({ DetectorId }));
    if (detector.Status === "ENABLED") return true;
  }
  return false;
}

async function readSecurityHub(context: ScanContext, region: string): Promise<boolean> {
  try {
    const hub = await context.clients.securityHub(region).send(new DescribeHubCommand({}));
    return Boolean(hub.HubArn);
  } catch (error) {
    if (error instanceof Error && HUB_OFF_ERRORS.has(error.name)) return false;
    throw error;
  }
}

async function readInspector(context: ScanContext, region: string): Promise<boolean> {
  const response = await context.clients
    .inspector(region)
    .send(new BatchGetAccountStatusCommand({}));
  const status = response.accounts?.[0]?.state?.status;
  return status === "ENABLED" || status === "ENABLING";
}

export async function scanDetection(
  context: ScanContext,
  region: string,
  gaps: GapRecorder,
): Promise<DetectionState> {
  const [guardDuty, securityHub, inspector, cloudTrailLogging] = await Promise.all([
    gaps.read(region, READS.guardDuty, () => readGuardDuty(context, region)),
    gaps.read(region, READS.securityHub, () => readSecurityHub(context, region)),
    gaps.read(region, READS.inspector, () => readInspector(context, region)),
    readTrailLogging(context, region, gaps),
  ]);
  return { region, guardDuty, securityHub, inspector, cloudTrailLogging };
}
