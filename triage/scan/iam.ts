/** IAM is global: users, their keys, console and MFA, root key and MFA state, recent changes. */

import {
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  type IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  type User,
} from "@aws-sdk/client-iam";
import { mapWithLimit } from "../concurrency";
import { classifyError } from "../errors";
import { toIso } from "../time";
import type { AccessKeyFinding, IamScan, UserFinding } from "../types";
import { READS } from "../reads";
import { findIamChanges } from "./cloudtrail";
import { collectPages, GapRecorder, type ScanContext } from "./context";

/** IAM has low per-account rate limits; a few users at a time is enough. */
const USERS_AT_ONCE = 4;

async function hasConsoleAccess(iam: IAMClient, userName: string): Promise<boolean> {
  try {
    await iam.send(new GetLoginProfileCommand({ UserName: userName }));
    return true;
  } catch (error) {
    if (classifyError(error).kind === "not-found") return false;
    throw error;
  }
}

async function readKeys(
  iam: IAMClient,
  userName: string,
  gaps: GapRecorder,
): Promise<AccessKeyFinding[]> {
  const listed = await gaps.read("global", `access keys of ${userName}`, () =>
    iam.send(new ListAccessKeysCommand({ UserName: userName })),
  );
  return Promise.all(
    (listed?.AccessKeyMetadata ?? []).map(async (key) => {
      const accessKeyId = key.AccessKeyId ?? "unknown";
      const used = await gaps.read("global", `last use of ${accessKeyId}`, () =>
        iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId })),
      );
      const lastUsed = used?.AccessKeyLastUsed;
      return {
        userName,
        accessKeyId,
        status: key.Status ?? "unknown",
        createDate: toIso(key.CreateDate),
        lastUsedDate: toIso(lastUsed?.LastUsedDate),
        // IAM answers "N/A" for keys that were never used.
        lastUsedService: lastUsed?.ServiceName === "N/A" ? undefined : lastUsed?.ServiceName,
        lastUsedRegion: lastUsed?.Region === "N/A" ? undefined : lastUsed?.Region,
      };
    }),
  );
}

async function readUser(
  iam: IAMClient,
  user: User,
  gaps: GapRecorder,
): Promise<{ user: UserFinding; keys: AccessKeyFinding[] }> {
  const userName = user.UserName ?? "unknown";
  const [consoleAccess, mfa, keys] = await Promise.all([
    gaps.read("global", `console access of ${userName}`, () => hasConsoleAccess(iam, userName)),
    gaps.read("global", `MFA devices of ${userName}`, () =>
      iam.send(new ListMFADevicesCommand({ UserName: userName })),
    ),
    readKeys(iam, userName, gaps),
  ]);
  return {
    user: {
      userName,
      arn: user.Arn,
      createDate: toIso(user.CreateDate),
      // Unknown console access counts as access: the safer assumption during a breach.
      consoleAccess: consoleAccess ?? true,
      passwordLastUsed: toIso(user.PasswordLastUsed),
      mfaEnabled: (mfa?.MFADevices ?? []).length > 0,
    },
    keys,
  };
}

export async function scanIam(context: ScanContext, homeRegion: string): Promise<IamScan> {
  const gaps = new GapRecorder(context.retry);
  const iam = context.clients.iam();
  const [listedUsers, summary, recentChanges] = await Promise.all([
    gaps.read("global", READS.iamUsers, () =>
      collectPages(
        (Marker) => iam.send(new ListUsersCommand({ Marker })),
        (page) => page.Users,
        (page) => (page.IsTruncated ? page.Marker : undefined),
      ),
    ),
    gaps.read("global", READS.accountSummary, () => iam.send(new GetAccountSummaryCommand({}))),
    findIamChanges(context, homeRegion, gaps),
  ]);

  const details = await mapWithLimit(listedUsers ?? [], USERS_AT_ONCE, (user) =>
    readUser(iam, user, gaps),
  );
  const creators = new Map<string, string>();
  for (const change of recentChanges) {
    if (change.eventName === "CreateUser" && change.target && change.actor) {
      creators.set(change.target, change.actor);
    }
  }
  const summaryMap = summary?.SummaryMap;
  return {
    users: details.map(({ user }) => ({ ...user, createdBy: creators.get(user.userName) })),
    accessKeys: details.flatMap(({ keys }) => keys),
    rootAccessKeysPresent:
      summaryMap === undefined ? undefined : (summaryMap.AccountAccessKeysPresent ?? 0) > 0,
    rootMfaEnabled: summaryMap === undefined ? undefined : (summaryMap.AccountMFAEnabled ?? 0) > 0,
    recentChanges,
    gaps: gaps.gaps,
  };
}
