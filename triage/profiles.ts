/**
 * Where the SDK reads named profiles, and whether a profile is there. The SDK's own error for a
 * missing profile ("Could not load credentials from any providers") does not name it, so the
 * CLI looks for itself before telling the user what to fix.
 */

import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface ProfileFile {
  kind: "config" | "credentials";
  path: string;
  /** The environment variable that chose this path, when one did. */
  fromEnv?: "AWS_CONFIG_FILE" | "AWS_SHARED_CREDENTIALS_FILE";
  /** How to show the path: `~/.aws/config`, or the path and the variable that chose it. */
  label: string;
}

export interface ProfileLookup {
  name: string;
  /** Where the name came from: `--profile`, or the AWS_PROFILE variable. */
  source: "--profile" | "AWS_PROFILE";
  found: boolean;
  files: ProfileFile[];
}

/** The two files the SDK reads, honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. */
export function profileFiles(env: NodeJS.ProcessEnv, home: string): ProfileFile[] {
  const config = env.AWS_CONFIG_FILE;
  const credentials = env.AWS_SHARED_CREDENTIALS_FILE;
  const fromEnv = (
    kind: ProfileFile["kind"],
    path: string,
    variable: NonNullable<ProfileFile["fromEnv"]>,
  ): ProfileFile => ({ kind, path, fromEnv: variable, label: `${path} (from ${variable})` });
  const inHome = (kind: ProfileFile["kind"]): ProfileFile => ({
    kind,
    path: join(home, ".aws", kind),
    label: `~/.aws/${kind}`,
  });
  return [
    config ? fromEnv("config", config, "AWS_CONFIG_FILE") : inHome("config"),
    credentials
      ? fromEnv("credentials", credentials, "AWS_SHARED_CREDENTIALS_FILE")
      : inHome("credentials"),
  ];
}

/**
 * Profile names declared in one file: `[profile NAME]` or `[NAME]`. Other section types of the
 * config file (`[sso-session x]`, `[services x]`) are not profiles.
 */
export function profileNames(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line);
    if (!match) continue;
    const words = match[1].split(/\s+/);
    if (words.length === 1) names.push(words[0]);
    else if (words.length === 2 && words[0] === "profile") names.push(words[1]);
  }
  return names;
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** The profile the SDK will use, if one was named, and whether either file declares it. */
export function lookUpProfile(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
  read: (path: string) => string = readOrEmpty,
): ProfileLookup | undefined {
  const name = flag ?? env.AWS_PROFILE;
  if (!name) return undefined;
  const files = profileFiles(env, home);
  const found = files.some((file) => profileNames(read(file.path)).includes(name));
  return { name, source: flag ? "--profile" : "AWS_PROFILE", found, files };
}

/** What to tell the user when the named profile is in neither file. */
export function missingProfileAdvice(lookup: ProfileLookup): string {
  const [config, credentials] = lookup.files;
  const defaults =
    config.fromEnv || credentials.fromEnv
      ? ""
      : " (or the files named by AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE)";
  return (
    `The SDK looks for profiles in ${config.label} as [profile ${lookup.name}] and ` +
    `in ${credentials.label} as [${lookup.name}]${defaults}. Check the spelling ` +
    `with "aws configure list-profiles", or create it with ` +
    `"aws configure --profile ${lookup.name}", then run again.`
  );
}
