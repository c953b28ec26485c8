/**
 * What reaches people, as data: each rule has a pattern, a message and where it must exist.
 * Components turn these into EventBridge rules; tests run sample events through the same specs.
 */
import {
  OwnAlertResources,
  alertingTamperingPattern,
  billingAlarmPattern,
  detectionTamperingPattern,
  iamAdminGrantPattern,
  iamCredentialPattern,
  instanceLaunchPattern,
  rootApiCallPattern,
  rootSignInPattern,
} from "./activityPatterns";
import {
  InputTransformer,
  apiCallMessage,
  billingAlarmMessage,
  guardDutyFindingMessage,
  inspectorFindingMessage,
  instanceLaunchMessage,
  rootSignInMessage,
  securityHubFindingMessage,
} from "./alertMessages";
import { ActivityAlertsConfig } from "./config/schema";
import {
  EventPattern,
  guardDutyFindingPattern,
  inspectorFindingPattern,
  securityHubFindingPattern,
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
  /**
   * Also match read-only CloudTrail management events (Get/List/Describe), which EventBridge
   * only hands to rules whose state asks for them. Default false.
   * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail-management.html
   */
  readonly allManagementEvents?: boolean;
}

/** The rule state that lets read-only management events through. */
export const ALL_MANAGEMENT_EVENTS_STATE = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";

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
 * Activity alerts from CloudTrail, by the categories turned on. Regional calls are caught in
 * every covered region; IAM calls and root sign-ins happen in us-east-1 only.
 */
export function activityAlertRules(
  settings: ActivityAlertsConfig,
  own: OwnAlertResources,
): AlertRuleSpec[] {
  const rules: AlertRuleSpec[] = [];
  if (settings.instanceLaunches) {
    rules.push({
      id: "ec2-run-instances",
      description: "EC2 instances launched (RunInstances)",
      pattern: instanceLaunchPattern(),
      message: instanceLaunchMessage(),
      scope: "every-region",
    });
  }
  if (settings.rootActivity) {
    rules.push(
      {
        id: "root-sign-in",
        description: "Console sign-in by the root user",
        pattern: rootSignInPattern(),
        message: rootSignInMessage(),
        scope: "global-events-region",
      },
      {
        id: "root-api-calls",
        description: "API calls made with root credentials",
        pattern: rootApiCallPattern(),
        message: apiCallMessage("Root user API call"),
        scope: "every-region",
        allManagementEvents: true,
      },
    );
  }
  if (settings.iamChanges) {
    rules.push(
      {
        id: "iam-credentials",
        description: "IAM users, access keys or console passwords created",
        pattern: iamCredentialPattern(),
        message: apiCallMessage("IAM credentials created"),
        scope: "global-events-region",
      },
      {
        id: "iam-admin-grants",
        description: "AdministratorAccess attached, or inline policies put on users or groups",
        pattern: iamAdminGrantPattern(),
        message: apiCallMessage("IAM administrator rights granted"),
        scope: "global-events-region",
      },
    );
  }
  if (settings.detectionTampering) {
    rules.push(
      {
        id: "detection-tampering",
        description: "CloudTrail, GuardDuty, Security Hub, Inspector or Config switched off",
        pattern: detectionTamperingPattern(),
        message: apiCallMessage("Detection being switched off"),
        scope: "every-region",
      },
      {
        id: "alerting-tampering",
        description: "This program's alert rules or topic changed, or a KMS key disabled",
        pattern: alertingTamperingPattern(own),
        message: apiCallMessage("Alerting path changed"),
        scope: "every-region",
      },
    );
  }
  return rules;
}

/** The billing alarm lives in us-east-1 (billing metrics exist only there) and is forwarded home. */
export function spendAlertRules(billingAlarmName: string): AlertRuleSpec[] {
  return [
    {
      id: "billing-alarm",
      description: "Estimated charges above the configured amount",
      pattern: billingAlarmPattern(billingAlarmName),
      message: billingAlarmMessage(),
      scope: "global-events-region",
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
