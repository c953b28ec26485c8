import * as pulumi from "@pulumi/pulumi";
import { OwnAlertResources } from "../lib/activityPatterns";
import { activityAlertRules, findingAlertRules, spendAlertRules } from "../lib/alertRules";
import { ThreatDetectionConfig } from "../lib/config";
import { alertPublishers } from "../lib/policyDocuments";
import { SkippedCapability } from "../lib/regions";
import { AlertRouting } from "./alertRouting";
import { AlertTopic } from "./alertTopic";
import { AwsConfig } from "./awsConfig";
import { CloudTrail } from "./cloudtrail";
import { GuardDuty } from "./guardduty";
import { Inspector } from "./inspector";
import { OrganizationArgs } from "./organization";
import { MemberActivityRules } from "./memberActivityRules";
import { SecurityHub } from "./securityhub";
import { SpendAlerts } from "./spendAlerts";

export interface ThreatDetectionBaselineArgs {
  readonly config: ThreatDetectionConfig;
  /** Covered regions, home region first (see `selectCoveredRegions`). */
  readonly regions: readonly string[];
  readonly accountId: string;
  readonly partition: string;
  /**
   * Organization mode: `accountId` is the security account (the component's provider acts
   * there) and the management account designates it. Organization-wide parts of other
   * components (an organization trail, say) take their management provider from here.
   * Default: none, one account.
   */
  readonly organization?: OrganizationArgs;
}

/** What other projects read through a StackReference. */
export interface BaselineOutputs {
  alertTopicArn: pulumi.Output<string>;
  alertKeyArn: pulumi.Output<string>;
  homeRegion: string;
  coveredRegions: string[];
  detectorIds: Record<string, pulumi.Output<string>>;
  securityHubArns: Record<string, pulumi.Output<string>>;
  skipped: SkippedCapability[];
  /** The trail this stack created; absent when config names an existing one. */
  trailArn?: pulumi.Output<string>;
  /** Regions where this stack records AWS Config. */
  configRecorderRegions: string[];
}

/** Detection in every covered region of one account, and alerts from it to people. */
export class ThreatDetectionBaseline extends pulumi.ComponentResource {
  readonly guardDuty: GuardDuty;
  readonly inspector: Inspector;
  readonly securityHub: SecurityHub;
  readonly alertTopic: AlertTopic;
  readonly alertRouting: AlertRouting;
  readonly cloudTrail?: CloudTrail;
  readonly awsConfig?: AwsConfig;
  readonly spend?: SpendAlerts;
  readonly memberActivityRules?: MemberActivityRules;
  readonly outputs: BaselineOutputs;

  constructor(
    name: string,
    args: ThreatDetectionBaselineArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("aws-threat-detection:index:ThreatDetectionBaseline", name, {}, opts);
    const { config, regions, accountId, partition, organization } = args;
    const homeRegion = config.homeRegion;
    const child = { parent: this };

    this.guardDuty = new GuardDuty(
      `${name}-guardduty`,
      { regions, settings: config.guardDuty, retainOnDelete: config.retainOnDelete, organization },
      child,
    );
    this.inspector = new Inspector(
      `${name}-inspector`,
      { regions, accountId, resourceTypes: config.inspector.resourceTypes, organization },
      child,
    );
    this.securityHub = new SecurityHub(
      `${name}-securityhub`,
      {
        regions,
        homeRegion,
        partition,
        standards: config.securityHub.standards,
        retainOnDelete: config.retainOnDelete,
        organization,
      },
      child,
    );
    const spend = config.spend;
    const publisherServices = alertPublishers({
      anomalyAlerts: spend.enabled,
      budget: spend.enabled && spend.monthlyBudgetUsd !== undefined,
    });
    const alertsName = `${name}-alerts`;
    this.alertTopic = new AlertTopic(
      alertsName,
      { homeRegion, accountId, partition, emails: config.alerts.emails, publisherServices },
      child,
    );

    const organizationId = organization?.organizationId;
    if (config.cloudTrail.existingTrailArn === undefined) {
      // In organization mode the trail is an organization trail, owned by the management account.
      this.cloudTrail = new CloudTrail(
        `${name}-trail`,
        {
          homeRegion,
          accountId: organization?.managementAccountId ?? accountId,
          partition,
          logRetentionDays: config.cloudTrail.logRetentionDays,
          isOrganizationTrail: organization !== undefined,
          organizationId,
          retainOnDelete: config.retainOnDelete,
        },
        organization ? { parent: this, provider: organization.managementProvider } : child,
      );
    }
    if (config.awsConfig.enabled) {
      this.awsConfig = new AwsConfig(
        `${name}-config`,
        {
          regions,
          homeRegion,
          accountId,
          partition,
          existingRecorderRegions: config.awsConfig.existingRecorderRegions,
          logRetentionDays: config.awsConfig.logRetentionDays,
          retainOnDelete: config.retainOnDelete,
        },
        child,
      );
    }
    if (spend.enabled) {
      this.spend = new SpendAlerts(
        `${name}-spend`,
        {
          accountId,
          topicArn: this.alertTopic.topicArn,
          billingAlarmUsd: spend.billingAlarmUsd,
          anomalyThresholdUsd: spend.anomalyThresholdUsd,
          existingAnomalyMonitorArn: spend.existingAnomalyMonitorArn,
          monthlyBudgetUsd: spend.monthlyBudgetUsd,
        },
        // Cost Anomaly Detection and Budgets check that they may publish when subscribed.
        { parent: this, dependsOn: [this.alertTopic] },
      );
    }

    const routingName = `${name}-rules`;
    // Rule and topic names are Pulumi auto-names: the logical name, a dash and a random suffix.
    const own: OwnAlertResources = {
      rulePrefix: `${routingName}-`,
      topicArnPrefix: `arn:${partition}:sns:${homeRegion}:${accountId}:${alertsName}-topic-`,
    };
    const activityRules = activityAlertRules(config.activityAlerts, own);
    this.alertRouting = new AlertRouting(
      routingName,
      {
        regions,
        homeRegion,
        accountId,
        partition,
        topicArn: this.alertTopic.topicArn,
        rules: [
          ...findingAlertRules(config.alerts.minSeverity),
          ...activityRules,
          ...(this.spend ? spendAlertRules(this.spend.billingAlarmName) : []),
        ],
      },
      child,
    );
    if (organization && organizationId && activityRules.length > 0) {
      this.memberActivityRules = new MemberActivityRules(
        `${name}-members`,
        {
          rules: activityRules,
          regions,
          homeRegion,
          securityAccountId: accountId,
          partition,
          organizationId,
          organizationRootId: organization.rootId,
          ruleNamePrefix: own.rulePrefix,
          managementProvider: organization.managementProvider,
        },
        child,
      );
    }

    this.outputs = {
      alertTopicArn: this.alertTopic.topicArn,
      alertKeyArn: this.alertTopic.keyArn,
      homeRegion,
      coveredRegions: [...regions],
      detectorIds: this.guardDuty.detectorIds,
      securityHubArns: this.securityHub.hubArns,
      skipped: [
        ...this.guardDuty.skipped,
        ...this.inspector.skipped,
        ...this.securityHub.skipped,
        ...(this.awsConfig?.skipped ?? []),
      ],
      trailArn: this.cloudTrail?.trailArn,
      configRecorderRegions: Object.keys(this.awsConfig?.recorders ?? {}),
    };
    if (this.outputs.skipped.length > 0) {
      const list = this.outputs.skipped.map((s) => `${s.region} ${s.capability}`).join(", ");
      pulumi.log.warn(`Not offered by AWS in these regions, so left out: ${list}`, this);
    }
    this.registerOutputs(this.outputs);
  }
}
