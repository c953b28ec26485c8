/**
 * Coverage: detection and alerting in every covered region, and nothing deployed where the stack
 * does not look. A region added to the account later, or one dropped from a list by mistake, is
 * the gap these policies catch.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isAvailable } from "../lib/regions";
import {
  CRITICAL_GUARDDUTY_SEVERITIES,
  criticalGuardDutyFindingEvent,
  describeSeverities,
  isGlobalResourceType,
} from "../lib/stackCoverage";
import { AlertPaths } from "./alertPaths";
import { TYPES, UNKNOWN, describe, known, regionOf } from "./common";
import { COVERAGE_CONFIG_SCHEMA, stackScope } from "./scope";

function inRegion(
  resources: readonly PolicyResource[],
  type: string,
  region: string,
): PolicyResource[] {
  return resources.filter((r) => r.type === type && regionOf(r) === region);
}

export const detectionInEveryCoveredRegion: StackValidationPolicy = {
  name: "detection-in-every-covered-region",
  description:
    "Every covered region has an enabled GuardDuty detector, a Security Hub account and an " +
    "Inspector enabler, unless AWS does not offer the service there. " +
    "Backs Security Hub controls GuardDuty.1 and Inspector.1-4.",
  enforcementLevel: "mandatory",
  configSchema: COVERAGE_CONFIG_SCHEMA,
  validateStack: (args, report) => {
    const scope = stackScope(args);
    for (const region of scope.regions) {
      const detectors = inRegion(args.resources, TYPES.detector, region);
      const enabled = detectors.filter((d) => known(() => d.props["enable"]) !== false);
      if (isAvailable("guardduty", region) && enabled.length === 0) {
        report(
          `${region} is covered but has no enabled GuardDuty detector; add an ` +
            `aws.guardduty.Detector with region "${region}" and enable: true.`,
        );
      }
      if (
        isAvailable("securityhub", region) &&
        inRegion(args.resources, TYPES.hub, region).length === 0
      ) {
        report(
          `${region} is covered but has no Security Hub account; add an aws.securityhub.Account ` +
            `with region "${region}".`,
        );
      }
      if (
        isAvailable("inspector", region) &&
        inRegion(args.resources, TYPES.enabler, region).length === 0
      ) {
        report(
          `${region} is covered but has no Inspector enabler; add an aws.inspector2.Enabler with ` +
            `region "${region}".`,
        );
      }
    }
  },
};

export const alertsFromEveryCoveredRegion: StackValidationPolicy = {
  name: "alerts-from-every-covered-region",
  description:
    "In every covered region EventBridge rules take critical GuardDuty findings (every severity " +
    "from 9.0 to 10.0) to an SNS topic with at least one subscription, directly or through the " +
    "home region's bus.",
  enforcementLevel: "mandatory",
  configSchema: COVERAGE_CONFIG_SCHEMA,
  validateStack: (args, report) => {
    const scope = stackScope(args);
    const paths = new AlertPaths(args.resources);
    // Topics that critical findings reach but nobody hears, with the regions they come from.
    const silent = new Map<PolicyResource, string[]>();
    for (const region of scope.regions) {
      const missed: number[] = [];
      const dropped = new Set<string>();
      for (const severity of CRITICAL_GUARDDUTY_SEVERITIES) {
        const event = criticalGuardDutyFindingEvent(region, "123456789012", severity);
        const delivery = paths.delivery(event, region);
        if (delivery.reach !== false) continue;
        if (delivery.silentTopics.length === 0) missed.push(severity);
        delivery.dropped.forEach((reason) => dropped.add(reason));
        for (const topic of delivery.silentTopics) {
          const regions = silent.get(topic) ?? [];
          if (!regions.includes(region)) silent.set(topic, [...regions, region]);
        }
      }
      // What broke the paths that would have carried the findings, when something did.
      const because = dropped.size > 0 ? `: ${[...dropped].join("; ")}` : "";
      if (missed.length === CRITICAL_GUARDDUTY_SEVERITIES.length) {
        report(
          `A critical GuardDuty finding in ${region} reaches no subscribed SNS topic${because}; ` +
            (because ? "fix that, or add" : "add") +
            ` a rule in ${region} whose target is the alert topic, or the default bus of ` +
            `${scope.homeRegion} where a rule sends it on, and subscribe someone to the topic.`,
        );
      } else if (missed.length > 0) {
        report(
          `Critical GuardDuty findings of severity ${describeSeverities(missed)} in ${region} ` +
            `reach no subscribed SNS topic, though others do${because}: a severity filter on the ` +
            'way drops them; let all of 9.0-10.0 through, e.g. "severity": [{ "numeric": [">=", 7] }].',
        );
      }
    }
    for (const [topic, regions] of silent) {
      const from =
        regions.length === scope.regions.length ? "every covered region" : regions.join(", ");
      report(
        `${describe(topic)} receives critical GuardDuty findings from ${from} but ` +
          "has no subscription in this stack, so nobody hears them; subscribe an endpoint to it " +
          "(an aws.sns.TopicSubscription for email, chat or a pager), or in this program set " +
          "aws-threat-detection:alerts.emails.",
        topic.urn,
      );
    }
  },
};

export const resourcesInCoveredRegions: StackValidationPolicy = {
  name: "resources-in-covered-regions",
  description:
    "Nothing is deployed in a region the stack does not cover, except the EventBridge rules, " +
    "queues and billing alarms that must live in us-east-1 for global-service events.",
  enforcementLevel: "mandatory",
  configSchema: COVERAGE_CONFIG_SCHEMA,
  validateStack: (args, report) => {
    const scope = stackScope(args);
    const covered = new Set(scope.regions);
    // One violation per region: a region left out of coverage strands many resources at once.
    const strays = new Map<string, PolicyResource[]>();
    for (const resource of args.resources) {
      if (!resource.type.startsWith("aws:") || isGlobalResourceType(resource.type)) continue;
      const region = regionOf(resource);
      if (region === UNKNOWN || region === undefined || covered.has(region)) continue;
      const forGlobalEvents =
        region === scope.globalEventsRegion &&
        scope.globalEventsResourceTypes.includes(resource.type);
      if (forGlobalEvents) continue;
      strays.set(region, [...(strays.get(region) ?? []), resource]);
    }
    for (const [region, resources] of strays) {
      const what =
        resources.length === 1
          ? describe(resources[0])
          : `${resources.length} resources (${countByType(resources)})`;
      report(
        `${what} ${resources.length === 1 ? "is" : "are"} in ${region}, which the stack does ` +
          `not cover; move ${resources.length === 1 ? "it" : "them"} to a covered region, or ` +
          `cover ${region}: link it to the Security Hub finding aggregator and deploy detection there.`,
        resources.length === 1 ? resources[0].urn : undefined,
      );
    }
  },
};

const TYPES_NAMED = 6;

/**
 * "6 EventRule, 2 Detector": resources counted by their type's last part, most first, the rest
 * summed up so that the message stays short.
 */
function countByType(resources: readonly PolicyResource[]): string {
  const counts = new Map<string, number>();
  for (const r of resources) {
    const type = r.type.split(":").pop()!;
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const sorted = [...counts].sort(([a, m], [b, n]) => n - m || a.localeCompare(b));
  const named = sorted.slice(0, TYPES_NAMED).map(([type, n]) => `${n} ${type}`);
  const rest = sorted.length - TYPES_NAMED;
  return named.join(", ") + (rest > 0 ? `, and ${rest} other type${rest > 1 ? "s" : ""}` : "");
}

export const COVERAGE_POLICIES = [
  detectionInEveryCoveredRegion,
  alertsFromEveryCoveredRegion,
  resourcesInCoveredRegions,
];
