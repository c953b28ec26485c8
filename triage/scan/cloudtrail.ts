/** CloudTrail: who launched instances, what changed in IAM, and whether trails are logging. */

import {
  DescribeTrailsCommand,
  type Event as TrailEvent,
  GetTrailStatusCommand,
  type LookupAttributeKey,
  LookupEventsCommand,
} from "@aws-sdk/client-cloudtrail";
import { toIso } from "../time";
import type { IamChange } from "../types";
import { READS } from "../reads";
import { collectPages, type GapRecorder, type ScanContext } from "./context";

interface ParsedTrailEvent {
  userIdentity?: { arn?: string; type?: string; userName?: string };
  requestParameters?: Record<string, unknown> | null;
  responseElements?: { instancesSet?: { items?: { instanceId?: string }[] } } | null;
}

function parseTrailEvent(event: TrailEvent): ParsedTrailEvent {
  if (!event.CloudTrailEvent) return {};
  try {
    return JSON.parse(event.CloudTrailEvent) as ParsedTrailEvent;
  } catch {
    return {};
  }
}

/** The ARN says more than the user name (it distinguishes root, roles and users). */
export function actorOf(event: TrailEvent): string | undefined {
  const identity = parseTrailEvent(event).userIdentity;
  if (identity?.type === "Root") return "root";
  return identity?.arn ?? event.Username;
}

async function lookupEvents(
  context: ScanContext,
  region: string,
  key: LookupAttributeKey,
  value: string,
): Promise<TrailEvent[]> {
  const cloudTrail = context.clients.cloudTrail(region);
  return collectPages(
    (NextToken) =>
      cloudTrail.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: key, AttributeValue: value }],
          StartTime: context.windowStart,
          EndTime: context.now,
          MaxResults: 50,
          NextToken,
        }),
      ),
    (page) => page.Events,
    (page) => page.NextToken,
  );
}

export interface Launcher {
  actor: string;
  accessKeyId?: string;
}

/** Maps instance id to whoever called RunInstances for it within the window. */
export async function findInstanceLaunchers(
  context: ScanContext,
  region: string,
  gaps: GapRecorder,
): Promise<Map<string, Launcher>> {
  const launchers = new Map<string, Launcher>();
  const events = await gaps.read(region, READS.launchers, () =>
    lookupEvents(context, region, "EventName", "RunInstances"),
  );
  for (const event of events ?? []) {
    const actor = actorOf(event) ?? "unknown";
    const fromResources = (event.Resources ?? [])
      .filter((resource) => resource.ResourceType === "AWS::EC2::Instance")
      .map((resource) => resource.ResourceName);
    const fromResponse = (parseTrailEvent(event).responseElements?.instancesSet?.items ?? []).map(
      (item) => item.instanceId,
    );
    for (const instanceId of [...fromResources, ...fromResponse]) {
      if (instanceId) launchers.set(instanceId, { actor, accessKeyId: event.AccessKeyId });
    }
  }
  return launchers;
}

function targetOf(event: TrailEvent): string | undefined {
  const params = parseTrailEvent(event).requestParameters ?? {};
  for (const key of ["userName", "roleName", "policyArn", "groupName", "accessKeyId"]) {
    const value = params[key];
    if (typeof value === "string") return value;
  }
  return event.Resources?.[0]?.ResourceName;
}

/** IAM writes in the window; IAM is global and its events are recorded in us-east-1. */
export async function findIamChanges(
  context: ScanContext,
  homeRegion: string,
  gaps: GapRecorder,
): Promise<IamChange[]> {
  const events = await gaps.read("global", READS.iamChanges, () =>
    lookupEvents(context, homeRegion, "EventSource", "iam.amazonaws.com"),
  );
  return (events ?? [])
    .filter((event) => event.ReadOnly !== "true")
    .map((event) => ({
      eventTime: toIso(event.EventTime),
      eventName: event.EventName ?? "unknown",
      actor: actorOf(event),
      target: targetOf(event),
    }));
}

/** True when at least one trail visible in the region (shadow trails included) is logging. */
export async function readTrailLogging(
  context: ScanContext,
  region: string,
  gaps: GapRecorder,
): Promise<boolean | undefined> {
  const cloudTrail = context.clients.cloudTrail(region);
  return gaps.read(region, READS.trailStatus, async () => {
    const { trailList } = await cloudTrail.send(
      new DescribeTrailsCommand({ includeShadowTrails: true }),
    );
    for (const trail of trailList ?? []) {
      const name = trail.TrailARN ?? trail.Name;
      if (!name) continue;
      const status = await cloudTrail.send(new GetTrailStatusCommand({ Name: name }));
      if (status.IsLogging) return true;
    }
    return false;
  });
}
