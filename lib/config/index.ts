/**
 * Reads and validates the whole stack config before anything is registered. Every problem is
 * collected and reported at once, each with the key to fix, so a user fixes a stack file in one go.
 */
import { CONFIG_NAMESPACE, CONFIG_SECTIONS, ThreatDetectionConfig } from "./schema";
import { ConfigProblems } from "./readers";

export * from "./schema";

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid stack config (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

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
    else problems.add(fullKey, `unknown key; known keys: ${Object.keys(CONFIG_SECTIONS).join(", ")}`);
  }

  const read = <K extends keyof ThreatDetectionConfig>(key: K) =>
    CONFIG_SECTIONS[key](own[key], `${prefix}${key}`, problems) as ThreatDetectionConfig[K];
  const config: ThreatDetectionConfig = {
    homeRegion: read("homeRegion") ?? readAwsRegion(allConfig),
    regions: read("regions"),
    excludeRegions: read("excludeRegions"),
    alerts: read("alerts"),
    guardDuty: read("guardDuty"),
    securityHub: read("securityHub"),
    inspector: read("inspector"),
    retainOnDelete: read("retainOnDelete"),
    organization: read("organization"),
  };

  checkAcrossKeys(config, problems);
  if (problems.list.length > 0) throw new ConfigError(problems.list);
  return config;
}

function readAwsRegion(allConfig: Readonly<Record<string, unknown>>): string {
  const region = allConfig["aws:region"];
  return typeof region === "string" ? region : "";
}

/** Rules that involve more than one key. */
function checkAcrossKeys(config: ThreatDetectionConfig, problems: ConfigProblems): void {
  const key = (name: string) => `${CONFIG_NAMESPACE}:${name}`;
  if (config.homeRegion === "") {
    problems.add(key("homeRegion"), "not set; set it, or set aws:region, to the region for alerts");
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
  }
}
