/**
 * The covered regions of a stack, for the stack policies: from the Security Hub finding
 * aggregator (its region is home, its linked regions are the others), or from pack config.
 */
import { PolicyConfigSchema, StackValidationArgs } from "@pulumi/policy";
import { GLOBAL_EVENTS_REGION, KNOWN_REGION_NAMES } from "../lib/regions";
import {
  AggregatorSettings,
  GLOBAL_EVENTS_RESOURCE_TYPES,
  StackCoverage,
  coverageFromAggregator,
} from "../lib/stackCoverage";
import { TYPES, UNKNOWN, known, regionOf } from "./common";
import { PropertySchema, valueProblems } from "./packConfig";

/** Pack config of the policies that need the covered regions. Every key is optional. */
export interface CoverageConfig {
  /** Exactly these regions, instead of the aggregator's. */
  readonly coveredRegions?: string[];
  /** The home region, instead of the aggregator's region. */
  readonly homeRegion?: string;
  /** Where global-service events arrive. Default us-east-1. */
  readonly globalEventsRegion?: string;
  /** Types allowed in the global-events region when it is not covered. */
  readonly globalEventsResourceTypes?: string[];
}

const REGION_NAME: PropertySchema = { type: "string", enum: [...KNOWN_REGION_NAMES] };

/**
 * The engine sends only `properties` and `required` of a policy's schema to the Pulumi CLI, which
 * validates each key given against them but lets unknown keys through; `coverageConfig` rejects
 * those. Each property is as strict as JSON Schema allows: item types, known region names.
 */
export const COVERAGE_CONFIG_SCHEMA: PolicyConfigSchema = {
  properties: {
    coveredRegions: {
      description: "Exactly these regions, instead of the aggregator's.",
      type: "array",
      items: REGION_NAME,
      minItems: 1,
      uniqueItems: true,
    },
    homeRegion: { description: "The home region, instead of the aggregator's.", ...REGION_NAME },
    globalEventsRegion: {
      description: "Where IAM, STS, sign-in and billing events arrive.",
      ...REGION_NAME,
      default: GLOBAL_EVENTS_REGION,
    },
    globalEventsResourceTypes: {
      description: "Resource type tokens allowed in the global-events region when not covered.",
      type: "array",
      items: { type: "string", pattern: "^[A-Za-z0-9-]+:[A-Za-z0-9/.-]+:[A-Za-z0-9]+$" },
      uniqueItems: true,
      default: [...GLOBAL_EVENTS_RESOURCE_TYPES],
    },
  },
};

/**
 * The policy's coverage config. Throws on a key the schema does not know or a value that does
 * not fit it, which a `pulumi preview` with a misspelt key would otherwise ignore: a coverage
 * policy that quietly checks the aggregator's regions instead of the ones asked for.
 */
export function coverageConfig(
  args: Pick<StackValidationArgs, "getConfig">,
  schema: PolicyConfigSchema = COVERAGE_CONFIG_SCHEMA,
): CoverageConfig {
  const config = args.getConfig<Record<string, unknown>>();
  const properties = schema.properties;
  const problems = Object.entries(config).flatMap(([key, value]) =>
    properties[key] === undefined
      ? [`unknown key "${key}" (it takes ${Object.keys(properties).join(", ")})`]
      : valueProblems(properties[key], value).map((p) => `${key} ${p}`),
  );
  if (problems.length > 0) throw new Error(`Invalid pack config: ${problems.join("; ")}`);
  return config as CoverageConfig;
}

export interface StackScope extends StackCoverage {
  readonly globalEventsRegion: string;
  readonly globalEventsResourceTypes: readonly string[];
}

/**
 * The stack's coverage, or `notApplicable` (which ends the policy) when neither config nor a
 * known aggregator tells it. `schema` is the policy's own, when it takes keys besides coverage.
 */
export function stackScope(
  args: StackValidationArgs,
  schema: PolicyConfigSchema = COVERAGE_CONFIG_SCHEMA,
): StackScope {
  const config = coverageConfig(args, schema);
  const extras = {
    globalEventsRegion: config.globalEventsRegion ?? GLOBAL_EVENTS_REGION,
    globalEventsResourceTypes: config.globalEventsResourceTypes ?? GLOBAL_EVENTS_RESOURCE_TYPES,
  };
  const fromAggregator = aggregatorCoverage(args);
  if (config.coveredRegions !== undefined && config.coveredRegions.length > 0) {
    const homeRegion = config.homeRegion ?? fromAggregator?.homeRegion ?? config.coveredRegions[0];
    const others = config.coveredRegions.filter((r) => r !== homeRegion);
    return { homeRegion, regions: [homeRegion, ...others], ...extras };
  }
  if (fromAggregator === undefined) {
    return args.notApplicable(
      "the covered regions are unknown: the stack has no Security Hub finding aggregator with " +
        "NO_REGIONS or SPECIFIED_REGIONS linking; set coveredRegions in the pack config",
    );
  }
  return { ...fromAggregator, ...extras };
}

function aggregatorCoverage(args: StackValidationArgs): StackCoverage | undefined {
  for (const resource of args.resources.filter((r) => r.type === TYPES.aggregator)) {
    const region = regionOf(resource);
    const settings = known(() => ({
      linkingMode: resource.props["linkingMode"] as string | undefined,
      specifiedRegions: resource.props["specifiedRegions"] as string[] | undefined,
    }));
    if (region === UNKNOWN || region === undefined || settings === UNKNOWN) continue;
    const aggregator: AggregatorSettings = { region, ...settings };
    const coverage = coverageFromAggregator(aggregator);
    if (coverage !== undefined) return coverage;
  }
  return undefined;
}
