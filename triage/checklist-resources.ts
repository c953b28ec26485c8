/** Checklist items for resources nobody recognises and for regions nobody is watching. */

import type { ChecklistItem, Severity } from "./checklist";
import type { DetectorKey } from "./coverage";
import {
  EVIDENCE_SNAPSHOT_PREFIX,
  hasNoOtherUse,
  instanceTypeReason,
  isLive,
  judgeInstance,
} from "./flags";
import { isWithin } from "./time";
import type { InstanceFinding, RegionScan, ScanResult } from "./types";

function instanceItem(
  instance: InstanceFinding,
  reasons: string[],
  critical: boolean,
): ChecklistItem {
  const { region, instanceId } = instance;
  const volumes = instance.volumeIds.join(" ") || "(none)";
  return {
    section: "unknown-resources",
    severity: critical ? "critical" : "high",
    title: `Terminate instance ${instanceId} (${instance.instanceType}) in ${region}`,
    evidence: [
      `state: ${instance.state}, launched ${instance.launchTime ?? "at an unknown time"}` +
        ` by ${instance.launchedBy ?? "unknown (no RunInstances event in the window)"}`,
      `key pair: ${instance.keyName ?? "none"}, public IP: ${instance.publicIp ?? "none"}`,
      `volumes: ${volumes}`,
      `why flagged: ${reasons.join("; ")}`,
    ],
    nextAction:
      `If nobody on the team launched it: snapshot each volume (${volumes}) for evidence ` +
      `with aws ec2 create-snapshot --region ${region} --volume-id VOLUME, then ` +
      `aws ec2 terminate-instances --region ${region} --instance-ids ${instanceId}; ` +
      "--apply does both after asking.",
    flagged: true,
    region,
    target: { kind: "instance", id: instanceId, region, volumeIds: instance.volumeIds },
  };
}

function regionResourceItems(scan: RegionScan, windowStart: Date): ChecklistItem[] {
  const { region } = scan;
  const fresh = hasNoOtherUse(scan, windowStart);
  const freshNote = fresh ? [`${region} has no other long-lived resources`] : [];
  const item = (
    severity: Severity,
    title: string,
    evidence: string[],
    nextAction: string,
    target?: ChecklistItem["target"],
  ): ChecklistItem => ({
    section: "unknown-resources",
    severity,
    title,
    evidence: [...evidence, ...freshNote],
    nextAction,
    flagged: true,
    region,
    target,
  });
  const items: ChecklistItem[] = [];
  const liveInstances = new Set<string>();
  for (const instance of scan.instances.filter(isLive)) {
    liveInstances.add(instance.instanceId);
    const verdict = judgeInstance(instance, windowStart, fresh);
    if (verdict.reasons.length > 0) {
      items.push(instanceItem(instance, verdict.reasons, verdict.critical));
    }
  }
  for (const image of scan.images.filter((i) => isWithin(i.creationDate, windowStart))) {
    items.push(
      item(
        "high",
        `Deregister AMI ${image.imageId} in ${region}`,
        [
          `name: ${image.name ?? "none"}, created ${image.creationDate}`,
          `snapshots: ${image.snapshotIds.join(" ") || "none"}`,
        ],
        `aws ec2 deregister-image --region ${region} --image-id ${image.imageId}, then delete ` +
          "its snapshots listed above.",
        { kind: "image", id: image.imageId, region },
      ),
    );
  }
  for (const volume of scan.volumes.filter((v) => isWithin(v.createTime, windowStart))) {
    // Volumes attached to a flagged instance are already listed with it.
    if (volume.attachedTo.some((id) => liveInstances.has(id))) continue;
    items.push(
      item(
        "high",
        `Delete EBS volume ${volume.volumeId} in ${region}`,
        [`${volume.sizeGiB} GiB, created ${volume.createTime}, not attached to a running instance`],
        `aws ec2 delete-volume --region ${region} --volume-id ${volume.volumeId}`,
      ),
    );
  }
  const newSnapshots = scan.snapshots.filter(
    (snapshot) =>
      isWithin(snapshot.startTime, windowStart) &&
      !snapshot.description?.startsWith(EVIDENCE_SNAPSHOT_PREFIX),
  );
  for (const snapshot of newSnapshots) {
    items.push(
      item(
        "medium",
        `Delete EBS snapshot ${snapshot.snapshotId} in ${region}`,
        [
          `${snapshot.sizeGiB} GiB from ${snapshot.volumeId ?? "unknown volume"}, ` +
            `started ${snapshot.startTime}`,
        ],
        `Unless it is one of your backups: aws ec2 delete-snapshot --region ${region} ` +
          `--snapshot-id ${snapshot.snapshotId} (deregister any AMI using it first).`,
      ),
    );
  }
  for (const fn of scan.lambdas.filter((f) => isWithin(f.lastModified, windowStart))) {
    items.push(
      item(
        "high",
        `Review Lambda function ${fn.functionName} in ${region}`,
        [`runtime ${fn.runtime ?? "unknown"}, last modified ${fn.lastModified}`],
        "Read its code and triggers; if nobody on the team changed it, aws lambda " +
          `delete-function --region ${region} --function-name ${fn.functionName}`,
      ),
    );
  }
  const openSpot = scan.spotRequests.filter(
    (request) =>
      (request.state === "open" || request.state === "active") &&
      (isWithin(request.createTime, windowStart) ||
        instanceTypeReason(request.instanceType ?? "") !== undefined),
  );
  for (const request of openSpot) {
    items.push(
      item(
        "critical",
        `Cancel spot request ${request.requestId} in ${region}`,
        [
          `state ${request.state}, type ${request.instanceType ?? "unknown"}, ` +
            `created ${request.createTime ?? "at an unknown time"}`,
        ],
        `aws ec2 cancel-spot-instance-requests --region ${region} ` +
          `--spot-instance-request-ids ${request.requestId} (otherwise it relaunches instances)`,
        { kind: "spot-request", id: request.requestId, region },
      ),
    );
  }
  return items;
}

export function resourceItems(scan: ScanResult, windowStart: Date): ChecklistItem[] {
  return scan.regionScans.flatMap((regionScan) => regionResourceItems(regionScan, windowStart));
}

interface Detector {
  key: DetectorKey;
  name: string;
  fix: string;
}

export const DETECTORS: readonly Detector[] = [
  { key: "cloudTrailLogging", name: "CloudTrail logging", fix: "a multi-region trail" },
  { key: "guardDuty", name: "GuardDuty", fix: "a GuardDuty detector" },
  { key: "securityHub", name: "Security Hub", fix: "Security Hub" },
  { key: "inspector", name: "Inspector", fix: "Inspector scanning" },
];

export function detectionItems(scan: ScanResult): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const states = scan.regionScans.map((regionScan) => regionScan.detection);
  for (const detector of DETECTORS) {
    const off = states.filter((state) => state[detector.key] === false).map((s) => s.region);
    if (off.length === 0) continue;
    items.push({
      section: "detection",
      severity: detector.key === "cloudTrailLogging" ? "high" : "medium",
      title: `${detector.name} is off in ${off.length} of ${states.length} region(s)`,
      evidence: [`off in: ${off.join(", ")}`],
      nextAction:
        `Turn on ${detector.fix} in every enabled region so the next intrusion raises an ` +
        "alert: deploy this project's stack (see the README).",
      flagged: false,
    });
  }
  return items;
}
