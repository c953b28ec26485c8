/**
 * Security Hub: standards stay under the program's control, and findings from every hub are
 * gathered by exactly one aggregator, in the home region, where the alert rule reads them.
 * https://docs.aws.amazon.com/securityhub/latest/userguide/finding-aggregation.html
 */
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { HubProps, TYPES, UNKNOWN, describe, known, regionOf, validateType } from "./common";
import { COVERAGE_CONFIG_SCHEMA, coverageConfig } from "./scope";

export const defaultStandardsOff: ResourceValidationPolicy = {
  name: "securityhub-default-standards-off",
  description:
    "Security Hub accounts set enableDefaultStandards: false (the provider's default is true), so " +
    "that the standards in use are the ones the program subscribes, not whatever AWS enables.",
  enforcementLevel: "mandatory",
  validateResource: validateType<HubProps>(TYPES.hub, (_props, args, report) => {
    const value = known(() => args.props["enableDefaultStandards"]);
    if (value === UNKNOWN || value === false) return;
    report(
      `${describe(args)} lets AWS enable its default standards; set enableDefaultStandards: false ` +
        "and subscribe the standards you want with aws.securityhub.StandardsSubscription.",
    );
  }),
};

export const oneAggregatorInHomeRegion: StackValidationPolicy = {
  name: "securityhub-one-aggregator",
  description:
    "The stack has exactly one Security Hub finding aggregator, in the home region, and it links " +
    "every other region where the stack enables Security Hub.",
  enforcementLevel: "mandatory",
  configSchema: COVERAGE_CONFIG_SCHEMA,
  validateStack: (args, report) => {
    const aggregators = args.resources.filter((r) => r.type === TYPES.aggregator);
    const hubs = args.resources.filter((r) => r.type === TYPES.hub);
    if (aggregators.length === 0) {
      if (hubs.length > 0) {
        report(
          "Security Hub is enabled but no finding aggregator gathers its findings; add one " +
            "aws.securityhub.FindingAggregator in the home region with linkingMode SPECIFIED_REGIONS.",
        );
      }
      return;
    }
    for (const extra of aggregators.slice(1)) {
      report(
        `${describe(extra)} is a second finding aggregator; AWS allows one per account, in the ` +
          `home region, so keep only ${describe(aggregators[0])}.`,
        extra.urn,
      );
    }
    const aggregator = aggregators[0];
    const region = regionOf(aggregator);
    const { homeRegion } = coverageConfig(args);
    if (homeRegion !== undefined && typeof region === "string" && region !== homeRegion) {
      report(
        `${describe(aggregator)} is in ${region}, not in the home region ${homeRegion}; create it ` +
          `with region "${homeRegion}".`,
        aggregator.urn,
      );
    }
    const linking = known(() => ({
      mode: aggregator.props["linkingMode"] as string | undefined,
      regions: (aggregator.props["specifiedRegions"] as string[] | undefined) ?? [],
    }));
    if (linking === UNKNOWN || typeof region !== "string") return;
    if (linking.mode === "ALL_REGIONS") return;
    for (const hub of hubs) {
      const hubRegion = regionOf(hub);
      if (typeof hubRegion !== "string" || hubRegion === region) continue;
      const linked =
        linking.mode === "SPECIFIED_REGIONS"
          ? linking.regions.includes(hubRegion)
          : linking.mode === "ALL_REGIONS_EXCEPT_SPECIFIED" && !linking.regions.includes(hubRegion);
      if (!linked) {
        report(
          `${describe(hub)} in ${hubRegion} is not linked to ${describe(aggregator)}, so its ` +
            `findings never reach ${region}; add ${hubRegion} to specifiedRegions.`,
          hub.urn,
        );
      }
    }
  },
};

export const SECURITY_HUB_POLICIES = [defaultStandardsOff, oneAggregatorInHomeRegion];
