/**
 * What reaches people, as data: each rule has a pattern, a message and where it must exist.
 * Components turn these into EventBridge rules; tests run sample events through the same specs.
 */
import {
  InputTransformer, guardDutyFindingMessage, inspectorFindingMessage, securityHubFindingMessage,
} from "./alertMessages";
import {
  EventPattern, guardDutyFindingPattern, inspectorFindingPattern, securityHubFindingPattern,
} from "./findingPatterns";
import { SeverityLabel } from "./severity";

/**
 * Where a rule must exist:
 * - `every-region`: events happen in each region (findings, API calls on regional services);
 * - `home-region`: events are already gathered there (Security Hub aggregation);
 * - `global-events-region`: events of global services, delivered in us-east-1 only.
 */
export type RuleScope = "every-region" | "home-region" | "global-events-region";

export interface AlertRuleSpec {
  /** Short kebab-case id, used in resource names: stable, or rules get replaced. */
  readonly id: string;
  readonly description: string;
  readonly pattern: EventPattern;
  readonly message: InputTransformer;
  readonly scope: RuleScope;
}

export function findingAlertRules(threshold: SeverityLabel): AlertRuleSpec[] {
  return [
    {
      id: "guardduty-findings",
      description: `GuardDuty findings of severity ${threshold} or above`,
      pattern: guardDutyFindingPattern(threshold),
      message: guardDutyFindingMessage(),
      scope: "every-region",
    },
    {
      id: "inspector-findings",
      description: `Active Inspector findings of severity ${threshold} or above`,
      pattern: inspectorFindingPattern(threshold),
      message: inspectorFindingMessage(),
      scope: "every-region",
    },
    {
      id: "securityhub-findings",
      description: `New Security Hub findings of severity ${threshold} or above from all regions`,
      pattern: securityHubFindingPattern(threshold),
      message: securityHubFindingMessage(),
      scope: "home-region",
    },
  ];
}

/**
 * The regions where a rule is created. The home region always has every rule: events forwarded
 * from other regions arrive on its bus, and its copy of the rule sends them to the topic.
 */
export function regionsForRule(
  scope: RuleScope,
  coveredRegions: readonly string[],
  homeRegion: string,
  globalEventsRegion: string,
): string[] {
  switch (scope) {
    case "every-region":
      return [...coveredRegions];
    case "home-region":
      return [homeRegion];
    case "global-events-region":
      return homeRegion === globalEventsRegion ? [homeRegion] : [homeRegion, globalEventsRegion];
  }
}
