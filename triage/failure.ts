/**
 * The short message printed instead of a checklist when nothing could be scanned: what failed,
 * why, and what to do. A checklist for an unknown account would only be noise.
 */

import { type ProfileLookup, missingProfileAdvice } from "./profiles";
import type { ScanGap } from "./types";

export interface FailureContext {
  /** Region of the first call, sts:GetCallerIdentity. */
  homeRegion: string;
  /** The profile in use, looked up in the SDK's files; undefined when none was named. */
  profile?: ProfileLookup;
}

function describeProfile(lookup: ProfileLookup): string {
  return lookup.source === "--profile"
    ? `profile "${lookup.name}" (--profile)`
    : `profile "${lookup.name}" (from AWS_PROFILE)`;
}

/** Lines for stderr; the first starts with "Nothing could be scanned". */
export function describeFailure(gap: ScanGap, context: FailureContext): string[] {
  const call = `sts:GetCallerIdentity in ${context.homeRegion}`;
  const profile = context.profile;
  if (gap.kind === "no-credentials" && profile && !profile.found) {
    return [
      `Nothing could be scanned: ${describeProfile(profile)} was not found.`,
      `  Failed: loading the credentials of ${describeProfile(profile)}, before any call to AWS.`,
      `  Why:    ${gap.reason}`,
      `  Next:   ${missingProfileAdvice(profile)}`,
    ];
  }
  const using = profile ? ` with ${describeProfile(profile)}` : "";
  const advice =
    gap.kind === "no-credentials" && profile
      ? `${describeProfile(profile)} exists but gave no credentials. Check its settings ` +
        `(aws configure list --profile ${profile.name}); for SSO run ` +
        `aws sso login --profile ${profile.name}, then run again.`
      : gap.advice;
  return [
    `Nothing could be scanned: ${gap.reason}`,
    `  Failed: the first call, ${call}${using}, which checks the credentials; ` +
      "nothing else was tried.",
    `  Next:   ${advice}`,
  ];
}
