import * as pulumi from "@pulumi/pulumi";
import { findingAlertRules } from "../lib/alertRules";
import { ThreatDetectionConfig } from "../lib/config";
import { ALERT_PUBLISHERS } from "../lib/policyDocuments";
import { SkippedCapability } from "../lib/regions";
import { AlertRouting } from "./alertRouting";
import { AlertTopic } from "./alertTopic";
import { GuardDuty } from "./guardduty";
import { Inspector } from "./inspector";
import { SecurityHub } from "./securityhub";

export interface ThreatDetectionBaselineArgs {
  readonly config: ThreatDetectionConfig;
  /** Covered regions, home region first (see `selectCoveredRegions`). */
  readonly regions: readonly string[];
  readonly accountId: string;
  readonly partition: string;
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
}

/** Detection in every covered region of one account, and alerts from it to people. */
export class ThreatDetectionBaseline extends pulumi.ComponentResource {
  readonly guardDuty: GuardDuty;
  readonly inspector: Inspector;
  readonly securityHub: SecurityHub;
  readonly alertTopic: AlertTopic;
  readonly alertRouting: AlertRouting;
  readonly outputs: BaselineOutputs;

  constructor(name: string, args: ThreatDetectionBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aws-threat-detection:index:ThreatDetectionBaseline", name, {}, opts);
    const { config, regions, accountId, partition } = args;
    const homeRegion = config.homeRegion;
    const child = { parent: this };

    this.guardDuty = new GuardDuty(
      `${name}-guardduty`,
      { regions, settings: config.guardDuty, retainOnDelete: config.retainOnDelete },
      child,
    );
    this.inspector = new Inspector(
      `${name}-inspector`,
      { regions, accountId, resourceTypes: config.inspector.resourceTypes },
      child,
    );
    this.securityHub = new SecurityHub(
      `${name}-securityhub`,
      { regions, homeRegion, partition, standards: config.securityHub.standards, retainOnDelete: config.retainOnDelete },
      child,
    );
    this.alertTopic = new AlertTopic(
      `${name}-alerts`,
      { homeRegion, accountId, partition, emails: config.alerts.emails, publisherServices: ALERT_PUBLISHERS },
      child,
    );
    this.alertRouting = new AlertRouting(
      `${name}-rules`,
      {
        regions,
        homeRegion,
        accountId,
        partition,
        topicArn: this.alertTopic.topicArn,
        rules: findingAlertRules(config.alerts.minSeverity),
      },
      child,
    );

    this.outputs = {
      alertTopicArn: this.alertTopic.topicArn,
      alertKeyArn: this.alertTopic.keyArn,
      homeRegion,
      coveredRegions: [...regions],
      detectorIds: this.guardDuty.detectorIds,
      securityHubArns: this.securityHub.hubArns,
      skipped: [...this.guardDuty.skipped, ...this.inspector.skipped, ...this.securityHub.skipped],
    };
    this.registerOutputs(this.outputs);
  }
}
