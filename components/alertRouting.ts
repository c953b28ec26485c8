import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ALL_MANAGEMENT_EVENTS_STATE, AlertRuleSpec, regionsForRule } from "../lib/alertRules";
import { defaultEventBusArn } from "../lib/arns";
import {
  deadLetterQueuePolicy,
  eventBridgeTrustPolicy,
  forwardToBusPolicy,
} from "../lib/policyDocuments";
import { GLOBAL_EVENTS_REGION } from "../lib/regions";

export interface AlertRoutingArgs {
  readonly regions: readonly string[];
  readonly homeRegion: string;
  readonly accountId: string;
  readonly partition: string;
  readonly topicArn: pulumi.Input<string>;
  readonly rules: readonly AlertRuleSpec[];
}

/** Failed deliveries are kept for the longest time SQS allows, 14 days, for investigation. */
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;

/**
 * EventBridge rules that bring alerts to the topic. In the home region each rule targets the
 * topic with a readable message; elsewhere it forwards the event unchanged to the home region's
 * bus, where the home copy of the rule picks it up. Undeliverable events go to an encrypted
 * dead-letter queue in the rule's region (EventBridge requires the queue in the same region).
 */
export class AlertRouting extends pulumi.ComponentResource {
  /** Rules per region, by rule id. */
  readonly rules: Record<string, Record<string, aws.cloudwatch.EventRule>> = {};

  constructor(name: string, args: AlertRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aws-threat-detection:alerts:AlertRouting", name, {}, opts);
    const homeBusArn = defaultEventBusArn({ ...args, region: args.homeRegion });

    const rulesByRegion = new Map<string, AlertRuleSpec[]>();
    for (const spec of args.rules) {
      const regions = regionsForRule(
        spec.scope,
        args.regions,
        args.homeRegion,
        GLOBAL_EVENTS_REGION,
      );
      for (const region of regions)
        rulesByRegion.set(region, [...(rulesByRegion.get(region) ?? []), spec]);
    }

    const needsForwarding = [...rulesByRegion.keys()].some((r) => r !== args.homeRegion);
    const forwarderRole = needsForwarding
      ? this.forwarderRole(name, args.accountId, homeBusArn)
      : undefined;

    for (const [region, specs] of rulesByRegion) {
      const queue = new aws.sqs.Queue(
        `${name}-${region}-dlq`,
        {
          region,
          sqsManagedSseEnabled: true,
          messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
        },
        { parent: this },
      );
      const regionRules: Record<string, aws.cloudwatch.EventRule> = {};
      for (const spec of specs) {
        const rule = new aws.cloudwatch.EventRule(
          `${name}-${region}-${spec.id}`,
          {
            region,
            description: spec.description,
            eventPattern: JSON.stringify(spec.pattern),
            state: spec.allManagementEvents ? ALL_MANAGEMENT_EVENTS_STATE : undefined,
          },
          { parent: this },
        );
        regionRules[spec.id] = rule;
        const delivery = { region, rule: rule.name, deadLetterConfig: { arn: queue.arn } };
        new aws.cloudwatch.EventTarget(
          `${name}-${region}-${spec.id}`,
          region === args.homeRegion
            ? { ...delivery, arn: args.topicArn, inputTransformer: spec.message }
            : { ...delivery, arn: homeBusArn, roleArn: forwarderRole!.arn },
          { parent: this },
        );
      }
      this.rules[region] = regionRules;
      new aws.sqs.QueuePolicy(
        `${name}-${region}-dlq-policy`,
        {
          region,
          queueUrl: queue.url,
          policy: pulumi
            .all([queue.arn, ...Object.values(regionRules).map((r) => r.arn)])
            .apply(([queueArn, ...ruleArns]) =>
              JSON.stringify(deadLetterQueuePolicy(queueArn, ruleArns)),
            ),
        },
        { parent: this },
      );
    }

    this.registerOutputs({});
  }

  /** One IAM role (a global resource) lets every region's rules put events on the home bus. */
  private forwarderRole(name: string, accountId: string, homeBusArn: string): aws.iam.Role {
    const role = new aws.iam.Role(
      `${name}-forwarder`,
      {
        description: "Lets EventBridge forward alert events to the home region's bus",
        assumeRolePolicy: JSON.stringify(eventBridgeTrustPolicy(accountId)),
      },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-forwarder-policy`,
      { role: role.id, policy: JSON.stringify(forwardToBusPolicy(homeBusArn)) },
      { parent: this },
    );
    return role;
  }
}
