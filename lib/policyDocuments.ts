/**
 * IAM, KMS, SNS and SQS policy documents, as plain data. Every statement has a Sid so that a
 * reviewer (and the policy pack) can tell what each one is for.
 */

/** A CloudFormation reference, for documents that go into a template (member accounts). */
export interface CloudFormationRef {
  Ref: string;
}

export type ConditionValue = string | string[] | boolean | CloudFormationRef;

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal?: Record<string, string | string[]> | "*";
  Action: string | string[];
  /** Absent in trust policies, which apply to the role itself. */
  Resource?: string | string[];
  Condition?: Record<string, Record<string, ConditionValue>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/**
 * Services that may always publish alerts to the topic: EventBridge for this program's rules, and
 * CloudWatch so that other projects can point their alarms at the topic (an alarm cannot publish
 * to a topic whose customer key does not admit cloudwatch.amazonaws.com).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
 */
export const ALERT_PUBLISHERS = ["events.amazonaws.com", "cloudwatch.amazonaws.com"] as const;

/** Cost Anomaly Detection publishes as this principal. */
export const COST_ANOMALY_PUBLISHER = "costalerts.amazonaws.com";
/** AWS Budgets publishes as this principal; its topic must be in the budget's own account. */
export const BUDGETS_PUBLISHER = "budgets.amazonaws.com";

/** The services that publish to the topic, given which spend alerts are on. */
export function alertPublishers(spend: { anomalyAlerts: boolean; budget: boolean }): string[] {
  return [
    ...ALERT_PUBLISHERS,
    ...(spend.anomalyAlerts ? [COST_ANOMALY_PUBLISHER] : []),
    ...(spend.budget ? [BUDGETS_PUBLISHER] : []),
  ];
}

/**
 * The statement every customer key starts with: the account administers the key, so that IAM
 * policies in the account decide who uses it. Without it a key can become unmanageable.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export function accountAdministersKey(partition: string, accountId: string): PolicyStatement {
  return {
    Sid: "AccountAdministersKey",
    Effect: "Allow",
    Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

export interface AlertKeyPolicyArgs {
  readonly partition: string;
  readonly accountId: string;
  readonly publisherServices: readonly string[];
}

/**
 * The alert key's policy. A topic encrypted with the AWS-managed `alias/aws/sns` key cannot
 * receive EventBridge events at all, because that key's policy cannot be changed to admit them;
 * this customer key lets each publishing service encrypt messages for the topic.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
 */
export function alertKeyPolicy(args: AlertKeyPolicyArgs): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      accountAdministersKey(args.partition, args.accountId),
      // No source condition here: the topic policy already limits who may publish, and some
      // publishers do not pass aws:SourceAccount to KMS, which would drop their alerts.
      {
        Sid: "AlertPublishersEncrypt",
        Effect: "Allow",
        Principal: { Service: [...args.publisherServices] },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
      },
    ],
  };
}

export interface AlertTopicPolicyArgs {
  readonly topicArn: string;
  readonly accountId: string;
  readonly publisherServices: readonly string[];
}

/** Lets the account's own EventBridge rules (and other publishing services) publish alerts. */
export function alertTopicPolicy(args: AlertTopicPolicyArgs): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AlertPublishersPublish",
        Effect: "Allow",
        Principal: { Service: [...args.publisherServices] },
        Action: "sns:Publish",
        Resource: args.topicArn,
        Condition: { StringEquals: { "aws:SourceAccount": args.accountId } },
      },
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "sns:Publish",
        Resource: args.topicArn,
        Condition: { Bool: { "aws:SecureTransport": false } },
      },
    ],
  };
}

/** Lets EventBridge put undeliverable events of the region's alert rules into the queue. */
export function deadLetterQueuePolicy(
  queueArn: string,
  ruleArns: readonly string[],
): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AlertRulesDeadLetter",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": [...ruleArns] } },
      },
    ],
  };
}

/**
 * Trust policy for the role EventBridge uses to forward events to the home region's bus. The
 * account is a CloudFormation reference in the member accounts' template.
 */
export function eventBridgeTrustPolicy(accountId: string | CloudFormationRef): PolicyDocument {
  return serviceTrustPolicy("events.amazonaws.com", accountId, "EventBridgeAssumes");
}

/** A role that one AWS service may assume, on behalf of this account only (no confused deputy). */
export function serviceTrustPolicy(
  service: string,
  accountId: string | CloudFormationRef,
  sid: string,
): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: sid,
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  };
}

/** What the forwarding role may do: put events on the home region's default bus, nothing else. */
export function forwardToBusPolicy(homeBusArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ForwardToHomeBus",
        Effect: "Allow",
        Action: "events:PutEvents",
        Resource: homeBusArn,
      },
    ],
  };
}

/**
 * The security account's default bus admits events from accounts of the organization only, so
 * member accounts' activity rules can forward to it and nobody else can put events on it.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html
 */
export function organizationBusPolicy(busArn: string, organizationId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OrganizationPutsEvents",
        Effect: "Allow",
        Principal: "*",
        Action: "events:PutEvents",
        Resource: busArn,
        Condition: { StringEquals: { "aws:PrincipalOrgID": organizationId } },
      },
    ],
  };
}
