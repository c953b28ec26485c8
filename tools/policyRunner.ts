/**
 * Runs the policy pack over a plan's resources without the Pulumi engine, building each policy's
 * arguments the way @pulumi/policy does: resource policies see each resource's inputs, stack
 * policies see every resource's outputs with parents and dependencies linked; unknown values raise
 * the same error as in a preview; `notApplicable` skips the policy.
 */
import * as fs from "fs";
import {
  EnforcementLevel,
  Policies,
  PolicyConfigSchema,
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
  UnknownValueError,
  unknownCheckingProxy,
} from "@pulumi/policy";
import { PACK_ENFORCEMENT_LEVEL, POLICIES } from "../policies/pack";
import { ALL_POLICIES, packConfigProblems } from "../policies/packConfig";
import { PlannedResource } from "./mockRuntime";

/** Pack config in the format of `pulumi preview --policy-pack-config FILE`. */
export type PackConfig = Record<string, EnforcementLevel | PolicyConfigEntry>;

export type PolicyConfigEntry = { enforcementLevel?: EnforcementLevel } & Record<string, unknown>;

export interface PolicyViolation {
  readonly policyName: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly message: string;
  /** The resource at fault; absent when the stack as a whole is. */
  readonly urn?: string;
}

export interface PolicyRunOptions {
  readonly policies?: Policies;
  readonly config?: PackConfig;
}

export class PlanFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanFileError";
  }
}

/** Pack config that does not fit the pack; the message lists every problem. */
export class PackConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid pack config:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "PackConfigError";
  }
}

/** Throws a PackConfigError naming every problem of the config, before any policy runs. */
export function validatePackConfig(config: unknown, policies: Policies = POLICIES): PackConfig {
  const problems = packConfigProblems(config, policies);
  if (problems.length > 0) throw new PackConfigError(problems);
  return config as PackConfig;
}

class NotApplicable extends Error {}

const throwNotApplicable = (reason?: string): never => {
  throw new NotApplicable(reason);
};

/** Reads the resources of a plan JSON written by `npm run plan -- --json FILE`. */
export function readPlanFile(file: string): PlannedResource[] {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new PlanFileError(`Cannot read the plan ${file}: ${(err as Error).message}`);
  }
  const resources = (data as { resources?: unknown } | null)?.resources;
  if (!Array.isArray(resources)) {
    throw new PlanFileError(
      `${file} is not a plan: it has no "resources" list (write one with npm run plan -- --json)`,
    );
  }
  resources.forEach((r: Partial<PlannedResource> | null, index) => {
    const ok =
      typeof r?.urn === "string" &&
      typeof r.type === "string" &&
      typeof r.name === "string" &&
      typeof r.inputs === "object" &&
      typeof r.outputs === "object" &&
      Array.isArray(r.dependsOn);
    if (!ok) {
      throw new PlanFileError(
        `${file}: resources[${index}] lacks urn, type, name, inputs, outputs or dependsOn`,
      );
    }
  });
  return resources as PlannedResource[];
}

/** Pulumi's custom timeouts are Go durations such as "20m" or "1h30m"; policies see seconds. */
export function durationSeconds(duration: string | undefined): number {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1 };
  let seconds = 0;
  for (const [, amount, unit] of (duration ?? "").matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)) {
    seconds += Number(amount) * units[unit];
  }
  return seconds;
}

function optionsOf(r: PlannedResource): PolicyResourceOptions {
  return {
    protect: r.protect,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: {
      createSeconds: durationSeconds(r.customTimeouts?.create),
      updateSeconds: durationSeconds(r.customTimeouts?.update),
      deleteSeconds: durationSeconds(r.customTimeouts?.delete),
    },
    additionalSecretOutputs: [],
    ...(r.parent ? { parent: r.parent } : {}),
  };
}

const isTypeOf = (type: string) => (resourceClass: unknown) => {
  const cls = resourceClass as { __pulumiType?: string; isInstance?: (o: unknown) => boolean };
  return cls.__pulumiType !== undefined
    ? cls.__pulumiType === type
    : cls.isInstance?.({ __pulumiType: type }) === true;
};

function levelOf(
  policy: { name: string; enforcementLevel?: EnforcementLevel },
  config: PackConfig,
): EnforcementLevel {
  // As the CLI applies it: the policy's own level, then "all", then the policy's entry.
  const levelIn = (entry: PackConfig[string] | undefined) =>
    typeof entry === "string" ? entry : entry?.enforcementLevel;
  const level =
    levelIn(config[policy.name]) ??
    levelIn(config[ALL_POLICIES]) ??
    policy.enforcementLevel ??
    PACK_ENFORCEMENT_LEVEL;
  // As in the engine: a violation left after remediation counts as mandatory.
  return level === "remediate" ? "mandatory" : level;
}

/** The policy's config: schema defaults, then what the pack config sets, without the level. */
function configOf(
  policy: { name: string; configSchema?: PolicyConfigSchema },
  config: PackConfig,
): object {
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
    if (typeof schema === "object" && schema.default !== undefined) defaults[key] = schema.default;
  }
  const entry = config[policy.name];
  const { enforcementLevel: _level, ...own } = typeof entry === "object" ? entry : {};
  return { ...defaults, ...own };
}

const isStackPolicy = (p: Policies[number]): p is StackValidationPolicy => "validateStack" in p;

/**
 * Runs every policy over the resources and returns the violations, including the advisory ones
 * the engine reports when a policy meets a value unknown until deployment.
 */
export async function runPolicyPack(
  resources: readonly PlannedResource[],
  options: PolicyRunOptions = {},
): Promise<PolicyViolation[]> {
  const policies = options.policies ?? POLICIES;
  const config = validatePackConfig(options.config ?? {}, policies);
  const providers = new Map(
    resources.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => [r.urn, r]),
  );
  const providerOf = (r: PlannedResource) => {
    const p = r.provider === null ? undefined : providers.get(r.provider);
    return p && { type: p.type, props: unknownCheckingProxy(p.inputs), urn: p.urn, name: p.name };
  };
  const violations: PolicyViolation[] = [];

  for (const policy of policies) {
    const enforcementLevel = levelOf(policy, config);
    if (enforcementLevel === "disabled") continue;
    const common = {
      getConfig: <T extends object>() => configOf(policy, config) as T,
      stackTags: new Map<string, string>(),
      notApplicable: throwNotApplicable,
    };
    const { name: policyName, description } = policy;
    const report = (message: string, urn?: string, level = enforcementLevel) =>
      violations.push({ policyName, description, enforcementLevel: level, message, urn });
    const guarded = async (run: () => unknown, urn?: string) => {
      try {
        await run();
      } catch (err) {
        if (err instanceof NotApplicable) return;
        if (err instanceof UnknownValueError) {
          report(
            `can't run policy ${policy.name} during preview: ${(err as Error).message}`,
            urn,
            "advisory",
          );
          return;
        }
        throw new Error(`Policy ${policy.name} failed: ${(err as Error).message}`);
      }
    };

    if (isStackPolicy(policy)) {
      const args: StackValidationArgs = {
        ...common,
        resources: stackResources(resources, providerOf),
      };
      await guarded(() => policy.validateStack(args, (message, urn) => report(message, urn)));
      continue;
    }
    const validations = [(policy as ResourceValidationPolicy).validateResource ?? []].flat();
    for (const r of resources) {
      const props = unknownCheckingProxy(r.inputs);
      const args: ResourceValidationArgs = {
        ...common,
        type: r.type,
        props,
        urn: r.urn,
        name: r.name,
        opts: optionsOf(r),
        ...(providerOf(r) ? { provider: providerOf(r) } : {}),
        isType: isTypeOf(r.type),
        asType: ((cls: unknown) =>
          isTypeOf(r.type)(cls) ? props : undefined) as ResourceValidationArgs["asType"],
      };
      for (const validate of validations) {
        // A resource policy's violation is always about the resource it was given.
        await guarded(() => validate(args, (message) => report(message, r.urn)), r.urn);
      }
    }
  }
  return violations;
}

/** Stack resources as the engine gives them: outputs as props, parents and dependencies linked. */
function stackResources(
  resources: readonly PlannedResource[],
  providerOf: (r: PlannedResource) => PolicyResource["provider"],
): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  for (const r of resources) {
    const props = unknownCheckingProxy(r.outputs);
    const provider = providerOf(r);
    byUrn.set(r.urn, {
      type: r.type,
      props,
      urn: r.urn,
      name: r.name,
      opts: optionsOf(r),
      ...(provider ? { provider } : {}),
      dependencies: [],
      propertyDependencies: {},
      isType: isTypeOf(r.type),
      asType: ((cls: unknown) =>
        isTypeOf(r.type)(cls) ? props : undefined) as PolicyResource["asType"],
    });
  }
  for (const r of resources) {
    const resource = byUrn.get(r.urn)!;
    if (r.parent) resource.parent = byUrn.get(r.parent);
    resource.dependencies = r.dependsOn
      .map((urn) => byUrn.get(urn))
      .filter((d): d is PolicyResource => d !== undefined);
  }
  return [...byUrn.values()];
}

export function hasMandatoryViolation(violations: readonly PolicyViolation[]): boolean {
  return violations.some((v) => v.enforcementLevel === "mandatory");
}

/** How many policies a run checks: all of them, less those the config disables. */
export interface PolicyCounts {
  readonly total: number;
  readonly disabled: number;
}

/** The counts of a run of these policies under this (already validated) config. */
export function policyCounts(policies: Policies, config: PackConfig = {}): PolicyCounts {
  const disabled = policies.filter((p) => levelOf(p, config) === "disabled").length;
  return { total: policies.length, disabled };
}

/** "all 19 passed", or how many ran and how many were disabled when some were. */
function describeRun(counts: PolicyCounts, passed: boolean): string {
  const ran = counts.total - counts.disabled;
  if (counts.disabled === 0) {
    return passed ? `all ${counts.total} passed` : `${counts.total} ran`;
  }
  if (ran === 0) return `none ran, all ${counts.total} are disabled`;
  return `${ran} of ${counts.total} ran${passed ? " and passed" : ""}, ${counts.disabled} disabled`;
}

/**
 * Violations grouped by policy, each with its enforcement level, then a count. `counts` (or the
 * number of policies, when none is disabled) says how many ran, so that a run with policies
 * disabled never reads as "all passed".
 */
export function formatViolations(
  violations: readonly PolicyViolation[],
  counts: number | PolicyCounts,
): string {
  const run = typeof counts === "number" ? { total: counts, disabled: 0 } : counts;
  if (violations.length === 0) return `Policies: ${describeRun(run, true)}.`;
  const byPolicy = new Map<string, PolicyViolation[]>();
  for (const v of violations) {
    const key = `${v.enforcementLevel} ${v.policyName}`;
    byPolicy.set(key, [...(byPolicy.get(key) ?? []), v]);
  }
  const lines = ["Policy violations:"];
  for (const found of byPolicy.values()) {
    lines.push(
      "",
      `[${found[0].enforcementLevel}] ${found[0].policyName}: ${found[0].description}`,
    );
    for (const v of found) lines.push(`  - ${v.message}`);
  }
  const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
  lines.push(
    "",
    `${violations.length} violation(s): ` +
      `${mandatory} mandatory, ${violations.length - mandatory} advisory` +
      (run.disabled > 0 ? `; policies: ${describeRun(run, false)}.` : "."),
  );
  return lines.join("\n");
}
