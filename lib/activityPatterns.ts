/**
 * EventBridge patterns for risky activity recorded by CloudTrail: instance launches, root use, IAM
 * changes and attempts to switch detection off. EventBridge only receives these events while a
 * trail with logging on exists in the account (or an organization trail covers it).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html
 */
import { EventPattern } from "./findingPatterns";

export const API_CALL_DETAIL_TYPE = "AWS API Call via CloudTrail";

/**
 * Sign-in events carry "AWS Console Sign In via CloudTrail"; one EventBridge page spells it
 * "Signin". Matching both costs nothing and cannot miss a root sign-in over a spelling.
 */
export const SIGN_IN_DETAIL_TYPES = [
  "AWS Console Sign In via CloudTrail",
  "AWS Console Signin via CloudTrail",
];

/** An API call to one service, by the names CloudTrail records. */
function apiCallPattern(
  source: string,
  eventSource: string,
  eventNames: readonly string[],
  more: EventPattern = {},
): EventPattern {
  return {
    source: [source],
    "detail-type": [API_CALL_DETAIL_TYPE],
    detail: { eventSource: [eventSource], eventName: [...eventNames], ...more },
  };
}

/** Any RunInstances call, refused ones included: a failed launch in an unused region is news too. */
export function instanceLaunchPattern(): EventPattern {
  return apiCallPattern("aws.ec2", "ec2.amazonaws.com", ["RunInstances"]);
}

/** A console sign-in by the root user, successful or not (recorded in us-east-1 only). */
export function rootSignInPattern(): EventPattern {
  return {
    source: ["aws.signin"],
    "detail-type": SIGN_IN_DETAIL_TYPES,
    detail: { eventName: ["ConsoleLogin"], userIdentity: { type: ["Root"] } },
  };
}

/**
 * Any API call made with root credentials. A call an AWS service makes on the root's behalf
 * carries `userIdentity.invokedBy` and is left out, as are service events (their detail-type
 * differs). Read-only calls arrive only when the rule asks for all management events.
 */
export function rootApiCallPattern(): EventPattern {
  return {
    "detail-type": [API_CALL_DETAIL_TYPE],
    detail: {
      userIdentity: { type: ["Root"], invokedBy: [{ exists: false }] },
      eventType: [{ "anything-but": "AwsServiceEvent" }],
    },
  };
}

/** New IAM users, access keys and console passwords: the usual ways to keep a foothold. */
export function iamCredentialPattern(): EventPattern {
  return apiCallPattern("aws.iam", "iam.amazonaws.com", [
    "CreateUser",
    "CreateAccessKey",
    "CreateLoginProfile",
  ]);
}

/** Matches the AWS managed AdministratorAccess policy in any partition. */
const ADMIN_POLICY_SUFFIX = ":iam::aws:policy/AdministratorAccess";

/**
 * Administrator rights granted: the managed AdministratorAccess policy attached to a user, role
 * or group, or an inline policy put on a user or group. Inline role policies are left out: tools
 * (this program included) write them on every deployment, and their text cannot be matched
 * reliably, so they would bury the real grants in noise.
 */
export function iamAdminGrantPattern(): EventPattern {
  return {
    source: ["aws.iam"],
    "detail-type": [API_CALL_DETAIL_TYPE],
    detail: {
      eventSource: ["iam.amazonaws.com"],
      $or: [
        {
          eventName: ["AttachUserPolicy", "AttachRolePolicy", "AttachGroupPolicy"],
          requestParameters: { policyArn: [{ suffix: ADMIN_POLICY_SUFFIX }] },
        },
        { eventName: ["PutUserPolicy", "PutGroupPolicy"] },
      ],
    },
  };
}

/** Calls that blind the detection services, by service. */
export const DETECTION_TAMPERING_CALLS: Readonly<Record<string, readonly string[]>> = {
  "cloudtrail.amazonaws.com": ["StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors"],
  "guardduty.amazonaws.com": [
    "DeleteDetector",
    "UpdateDetector",
    "DisassociateFromAdministratorAccount",
    "DisassociateFromMasterAccount",
  ],
  "securityhub.amazonaws.com": ["DisableSecurityHub", "BatchDisableStandards"],
  "inspector2.amazonaws.com": ["Disable"],
  "config.amazonaws.com": [
    "StopConfigurationRecorder",
    "DeleteConfigurationRecorder",
    "DeleteDeliveryChannel",
  ],
};

/** `cloudtrail.amazonaws.com` to `aws.cloudtrail`: the EventBridge source of a service's calls. */
function sourceOf(eventSource: string): string {
  return `aws.${eventSource.split(".")[0]}`;
}

/** Trails, detectors, hubs, Inspector or Config recording switched off or weakened, anywhere. */
export function detectionTamperingPattern(): EventPattern {
  const services = Object.entries(DETECTION_TAMPERING_CALLS);
  return {
    source: services.map(([eventSource]) => sourceOf(eventSource)),
    "detail-type": [API_CALL_DETAIL_TYPE],
    detail: {
      $or: services.map(([eventSource, eventNames]) => ({
        eventSource: [eventSource],
        eventName: [...eventNames],
      })),
    },
  };
}

/** How the alerting path's own resources are named, so that changes to them can be told apart. */
export interface OwnAlertResources {
  /** Every EventBridge rule of this program has a name starting with this. */
  readonly rulePrefix: string;
  /** The alert topic's ARN starts with this (its auto-name is this prefix and a suffix). */
  readonly topicArnPrefix: string;
}

/**
 * Changes to the alerting path itself. Rules and the topic are matched by name prefix: other
 * teams change their own rules and topics all day, and those changes are not news. KMS keys are
 * matched whatever the key: a key's id is only known after it exists, so a pattern shared with
 * member accounts cannot name it, and disabling or deleting any customer key (or rewriting its
 * policy) is rare and can lock away logs or alerts, so each one is worth a look. This program's
 * own deployments change rules and key policies too; those alerts show the change was seen.
 */
export function alertingTamperingPattern(own: OwnAlertResources): EventPattern {
  const rule = [{ prefix: own.rulePrefix }];
  const topic = [{ prefix: own.topicArnPrefix }];
  return {
    source: ["aws.events", "aws.sns", "aws.kms"],
    "detail-type": [API_CALL_DETAIL_TYPE],
    detail: {
      $or: [
        {
          eventSource: ["events.amazonaws.com"],
          eventName: ["DeleteRule", "DisableRule", "PutRule"],
          requestParameters: { name: rule },
        },
        {
          eventSource: ["events.amazonaws.com"],
          eventName: ["RemoveTargets", "PutTargets"],
          requestParameters: { rule },
        },
        {
          eventSource: ["sns.amazonaws.com"],
          eventName: ["DeleteTopic", "SetTopicAttributes", "RemovePermission"],
          requestParameters: { topicArn: topic },
        },
        {
          eventSource: ["sns.amazonaws.com"],
          eventName: ["Unsubscribe"],
          requestParameters: { subscriptionArn: topic },
        },
        {
          eventSource: ["kms.amazonaws.com"],
          eventName: ["DisableKey", "ScheduleKeyDeletion", "PutKeyPolicy"],
        },
      ],
    },
  };
}

/** The billing alarm going into ALARM; CloudWatch sends every alarm's state changes to EventBridge. */
export function billingAlarmPattern(alarmName: string): EventPattern {
  return {
    source: ["aws.cloudwatch"],
    "detail-type": ["CloudWatch Alarm State Change"],
    detail: { alarmName: [alarmName], state: { value: ["ALARM"] } },
  };
}
