/** Checklist items for access keys and IAM users. */

import type { ChecklistItem } from "./checklist";
import { ageOf, isWithin } from "./time";
import type { AccessKeyFinding, ScanResult, UserFinding } from "./types";

/** Enough to spot a pattern without drowning the report. */
const MAX_CHANGES_SHOWN = 25;

function keyEvidence(key: AccessKeyFinding, now: Date): string[] {
  const lastUse = key.lastUsedDate
    ? `last used ${key.lastUsedDate} with ${key.lastUsedService ?? "unknown service"} in ` +
      `${key.lastUsedRegion ?? "unknown region"}`
    : "never used";
  return [
    `user: ${key.userName}`,
    `status: ${key.status}`,
    `created ${key.createDate ?? "at an unknown time"} (${ageOf(key.createDate, now)})`,
    lastUse,
  ];
}

/** Instances launched in the window, grouped by the access key that launched them. */
function launchesByKey(scan: ScanResult, windowStart: Date): Map<string, string[]> {
  const launches = new Map<string, string[]>();
  for (const instance of scan.regionScans.flatMap((regionScan) => regionScan.instances)) {
    if (!instance.launchedWithKey || !isWithin(instance.launchTime, windowStart)) continue;
    const list = launches.get(instance.launchedWithKey) ?? [];
    list.push(`${instance.instanceId} (${instance.region})`);
    launches.set(instance.launchedWithKey, list);
  }
  return launches;
}

function keyItem(
  key: AccessKeyFinding,
  windowStart: Date,
  now: Date,
  launched: string[],
): ChecklistItem {
  const deactivate =
    `aws iam update-access-key --user-name ${key.userName} ` +
    `--access-key-id ${key.accessKeyId} --status Inactive`;
  const remove = `aws iam delete-access-key --user-name ${key.userName} --access-key-id ${key.accessKeyId}`;
  const target = {
    kind: "access-key" as const,
    id: key.accessKeyId,
    region: "global",
    userName: key.userName,
  };
  if (key.status !== "Active") {
    return {
      section: "access-keys",
      severity: "low",
      title: `Delete inactive access key ${key.accessKeyId} of ${key.userName}`,
      evidence: keyEvidence(key, now),
      nextAction: `Nothing should depend on an inactive key: ${remove}`,
      flagged: false,
    };
  }
  if (launched.length > 0) {
    return {
      section: "access-keys",
      severity: "critical",
      title: `Deactivate access key ${key.accessKeyId} of ${key.userName}: it launched instances`,
      evidence: [...keyEvidence(key, now), `launched in the window: ${launched.join(", ")}`],
      nextAction:
        `This key is very likely the leaked one. Deactivate it now (${deactivate}); once the ` +
        `workloads using it have a replacement key, delete it (${remove}).`,
      flagged: true,
      target,
    };
  }
  if (isWithin(key.createDate, windowStart)) {
    return {
      section: "access-keys",
      severity: "critical",
      title: `Delete access key ${key.accessKeyId} of ${key.userName}: created in the window`,
      evidence: keyEvidence(key, now),
      nextAction:
        `Unless a teammate made it recently, deactivate it now (${deactivate}), ` +
        `then delete it (${remove}).`,
      flagged: true,
      target,
    };
  }
  return {
    section: "access-keys",
    severity: "high",
    title: `Rotate access key ${key.accessKeyId} of ${key.userName}`,
    evidence: keyEvidence(key, now),
    nextAction:
      "Any existing key may have leaked. Create a replacement key, move whatever uses this one " +
      `to it, then deactivate (${deactivate}) and delete (${remove}) the old one.`,
    flagged: false,
    target,
  };
}

function userItem(user: UserFinding, scan: ScanResult, windowStart: Date): ChecklistItem | null {
  const keyCount = scan.iam.accessKeys.filter((key) => key.userName === user.userName).length;
  const evidence = [
    `created ${user.createDate ?? "at an unknown time"}` +
      (user.createdBy ? ` by ${user.createdBy}` : ""),
    `console access: ${user.consoleAccess ? "yes" : "no"}` +
      (user.passwordLastUsed ? `, password last used ${user.passwordLastUsed}` : ""),
    `MFA: ${user.mfaEnabled ? "on" : "OFF"}`,
    `access keys: ${keyCount}`,
  ];
  if (isWithin(user.createDate, windowStart)) {
    return {
      section: "iam-users",
      severity: "critical",
      title: `Remove IAM user ${user.userName}: created in the window`,
      evidence,
      nextAction:
        "Confirm nobody on the team created it, then delete it in IAM > Users > Delete (this " +
        "removes its keys, password, MFA devices, policies and group memberships too).",
      flagged: true,
    };
  }
  if (!user.consoleAccess) return null;
  const mfa = user.mfaEnabled ? "" : " and assign it an MFA device";
  return {
    section: "iam-users",
    severity: "high",
    title: `Reset the console password of ${user.userName}${mfa}`,
    evidence,
    nextAction:
      `IAM > Users > ${user.userName} > Security credentials > Manage console access: set a ` +
      `new password with "must reset at next sign-in"${mfa}.`,
    flagged: false,
  };
}

function changesItem(scan: ScanResult): ChecklistItem | null {
  const changes = scan.iam.recentChanges;
  if (changes.length === 0) return null;
  const shown = changes
    .slice(0, MAX_CHANGES_SHOWN)
    .map(
      (change) =>
        `${change.eventTime ?? "?"} ${change.eventName}` +
        `${change.target ? ` ${change.target}` : ""} by ${change.actor ?? "unknown"}`,
    );
  if (changes.length > shown.length) shown.push(`... and ${changes.length - shown.length} more`);
  return {
    section: "iam-users",
    severity: "medium",
    title: `Review ${changes.length} IAM change(s) made in the window`,
    evidence: shown,
    nextAction:
      "Undo every change nobody on the team made: new users, keys, login profiles, attached " +
      "policies (look for AdministratorAccess) and roles with trust to unknown accounts.",
    flagged: false,
  };
}

export function identityItems(scan: ScanResult, windowStart: Date, now: Date): ChecklistItem[] {
  const launches = launchesByKey(scan, windowStart);
  const items: ChecklistItem[] = scan.iam.accessKeys.map((key) =>
    keyItem(key, windowStart, now, launches.get(key.accessKeyId) ?? []),
  );
  for (const user of scan.iam.users) {
    const item = userItem(user, scan, windowStart);
    if (item) items.push(item);
  }
  const changes = changesItem(scan);
  if (changes) items.push(changes);
  return items;
}
