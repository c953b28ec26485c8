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

export const COVERAGE_CONFIG_SCHEMA: PolicyConfigSchema = {
  properties: {
    coveredRegions: {
      type: "array",
      items: { type: "string", enum: [...KNOWN_REGION_NAMES] },
      minItems: 1,
      uniqueItems: true,
    },
    homeRegion: { type: "string", enum: [...KNOWN_REGION_NAMES] },
    globalEventsRegion: {
      type: "string",
      enum: [...KNOWN_REGION_NAMES],
      default: GLOBAL_EVENTS_REGION,
    },
    globalEventsResourceTypes: {
      type: "array",
      items: { type: "string" },
      default: [...GLOBAL_EVENTS_RESOURCE_TYPES],
    },
  },
};

export interface StackScope extends StackCoverage {
  readonly globalEventsRegion: string;
  readonly globalEventsResourceTypes: readonly string[];
}

/**
 * The stack's coverage, or `notApplicable` (which ends the policy) when neither config nor a
 * known aggregator tells it.
 */
export function stackScope(args: StackValidationArgs): StackScope {
  const config = args.getConfig<CoverageConfig>();
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
