/**
 * Reads and validates the whole stack config before anything is registered. Every problem is
 * collected and reported at once, each with the key to fix, so a user fixes a stack file in one go.
 */
import { CONFIG_NAMESPACE, CONFIG_SECTIONS, ThreatDetectionConfig } from "./schema";
import { ConfigError } from "./error";
import { ConfigProblems } from "./readers";
import { accountOfArn } from "../arns";
import { GLOBAL_EVENTS_REGION, KNOWN_REGION_NAMES } from "../regions";

export * from "./schema";

export { ConfigError } from "./error";

/**
 * Parses the stack's whole config map (`namespace:key` to raw value, as
 * `pulumi.runtime.allConfig()` returns it) into the program's config, or throws a ConfigError.
 */
export function parseConfig(allConfig: Readonly<Record<string, unknown>>): ThreatDetectionConfig {
  const problems = new ConfigProblems();
  const prefix = `${CONFIG_NAMESPACE}:`;
  const own: Record<string, unknown> = {};
  for (const [fullKey, value] of Object.entries(allConfig)) {
    if (!fullKey.startsWith(prefix)) continue;
    const key = fullKey.slice(prefix.length);
    if (Object.hasOwn(CONFIG_SECTIONS, key)) own[key] = value;
    else problems.add(fullKey, unknownKeyMessage(key));
  }

  const read = <K extends keyof ThreatDetectionConfig>(key: K) =>
    CONFIG_SECTIONS[key](own[key], `${prefix}${key}`, problems) as ThreatDetectionConfig[K];
  const config: ThreatDetectionConfig = {
    homeRegion: read("homeRegion") ?? readAwsRegion(allConfig, problems),
    regions: read("regions"),
    excludeRegions: read("excludeRegions"),
    alerts: read("alerts"),
    guardDuty: read("guardDuty"),
    securityHub: read("securityHub"),
    inspector: read("inspector"),
    retainOnDelete: read("retainOnDelete"),
    organization: read("organization"),
    activityAlerts: read("activityAlerts"),
    cloudTrail: read("cloudTrail"),
    awsConfig: read("awsConfig"),
    spend: read("spend"),
  };

  checkAcrossKeys(config, problems, own["homeRegion"] !== undefined);
  checkActivityAndSpend(config, problems);
  if (problems.list.length > 0) throw new ConfigError(problems.list);
  return config;
}

/**
 * `pulumi config set ns:alerts.minSeverity x` without `--path` makes a top-level key with a dot in
 * its name, which looks right in the stack file but is not the nested key; say how to set it.
 */
function unknownKeyMessage(key: string): string {
  const [section] = key.split(".");
  if (key.includes(".") && Object.hasOwn(CONFIG_SECTIONS, section)) {
    return (
      `unknown key: a nested value needs --path, as in ` +
      `pulumi config set --path '${CONFIG_NAMESPACE}:${key}' VALUE`
    );
  }
  return `unknown key; known keys: ${Object.keys(CONFIG_SECTIONS).join(", ")}`;
}

/** The fallback home region; checked here, since no reader of this namespace sees it. */
function readAwsRegion(
  allConfig: Readonly<Record<string, unknown>>,
  problems: ConfigProblems,
): string {
  const region = allConfig["aws:region"];
  if (typeof region !== "string") return "";
  if (!KNOWN_REGION_NAMES.has(region)) {
    problems.add(
      "aws:region",
      `unknown AWS region; set ${CONFIG_NAMESPACE}:homeRegion or fix aws:region`,
    );
  }
  return region;
}

/** Rules that involve more than one key. */
function checkAcrossKeys(
  config: ThreatDetectionConfig,
  problems: ConfigProblems,
  homeRegionGiven: boolean,
): void {
  const key = (name: string) => `${CONFIG_NAMESPACE}:${name}`;
  if (config.homeRegion === "") {
    // A homeRegion that is given but empty is reported by its reader already.
    if (!homeRegionGiven) {
      problems.add(
        key("homeRegion"),
        "not set; set it, or set aws:region, to the region for alerts",
      );
    }
  } else {
    if (config.excludeRegions.includes(config.homeRegion)) {
      problems.add(key("excludeRegions"), `excludes the home region ${config.homeRegion}`);
    }
    if (config.regions !== undefined && !config.regions.includes(config.homeRegion)) {
      problems.add(key("regions"), `must include the home region ${config.homeRegion}`);
    }
  }
  if (config.regions !== undefined && config.regions.length === 0) {
    problems.add(key("regions"), "is empty; leave it out to cover every enabled region");
  }
  // The home region being excluded is reported above; any other overlap is reported here.
  const listedAndExcluded = (config.regions ?? []).filter(
    (r) => config.excludeRegions.includes(r) && r !== config.homeRegion,
  );
  if (listedAndExcluded.length > 0) {
    problems.add(
      key("excludeRegions"),
      `${listedAndExcluded.join(", ")} also listed in ${key("regions")}; keep each in one list`,
    );
  }

  const gd = config.guardDuty;
  if (gd.runtimeMonitoring && gd.eksRuntimeMonitoring) {
    problems.add(
      key("guardDuty.eksRuntimeMonitoring"),
      "cannot be on together with runtimeMonitoring (AWS accepts one runtime feature); turn one off",
    );
  }

  const types = config.inspector.resourceTypes;
  if (types.length === 0) {
    problems.add(key("inspector.resourceTypes"), "is empty; Inspector needs at least one type");
  }
  if (types.includes("LAMBDA_CODE") && !types.includes("LAMBDA")) {
    problems.add(key("inspector.resourceTypes"), "LAMBDA_CODE needs LAMBDA in the list too");
  }

  const org = config.organization;
  if (org !== undefined) {
    if (!org.managementAccountId) {
      problems.add(key("organization.managementAccountId"), "required in organization mode");
    }
    if (!org.securityAccountId) {
      problems.add(key("organization.securityAccountId"), "required in organization mode");
    }
    if (org.managementAccountId && org.managementAccountId === org.securityAccountId) {
      problems.add(
        key("organization.securityAccountId"),
        "must differ from the management account (AWS advises against delegating to it)",
      );
    }
    const roles = [
      ["managementRoleArn", org.managementRoleArn, org.managementAccountId],
      ["securityRoleArn", org.securityRoleArn, org.securityAccountId],
    ] as const;
    for (const [name, roleArn, accountId] of roles) {
      const roleAccount = roleArn === undefined ? undefined : accountOfArn(roleArn);
      if (roleAccount !== undefined && accountId && roleAccount !== accountId) {
        problems.add(
          key(`organization.${name}`),
          `is a role in account ${roleAccount}, not ${accountId}; the stack acts in each account ` +
            "through a role of that account",
        );
      }
    }
  }
}

/**
 * Activity and spend settings. IAM and root sign-in events reach EventBridge in us-east-1 only,
 * and billing metrics exist there only, so a stack that leaves us-east-1 out cannot see them.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html
 */
function checkActivityAndSpend(config: ThreatDetectionConfig, problems: ConfigProblems): void {
  const key = (name: string) => `${CONFIG_NAMESPACE}:${name}`;
  const leftOut =
    config.excludeRegions.includes(GLOBAL_EVENTS_REGION) ||
    (config.regions !== undefined && !config.regions.includes(GLOBAL_EVENTS_REGION));
  if (leftOut) {
    const needs: [string, boolean, string][] = [
      ["activityAlerts.rootActivity", config.activityAlerts.rootActivity, "root sign-in events"],
      ["activityAlerts.iamChanges", config.activityAlerts.iamChanges, "IAM events"],
      ["spend.enabled", config.spend.enabled, "the billing metric EstimatedCharges"],
    ];
    for (const [name, on, what] of needs) {
      if (!on) continue;
      problems.add(
        key(name),
        `needs ${GLOBAL_EVENTS_REGION}, the only region AWS sends ${what} to; cover ` +
          `${GLOBAL_EVENTS_REGION} (remove it from excludeRegions or add it to regions) or set this to false`,
      );
    }
  }
  for (const name of ["cloudTrail.logRetentionDays", "awsConfig.logRetentionDays"] as const) {
    const [section, field] = name.split(".") as ["cloudTrail" | "awsConfig", "logRetentionDays"];
    const days = config[section][field];
    if (!Number.isInteger(days))
      problems.add(key(name), `expected a whole number of days, got ${days}`);
  }
}
