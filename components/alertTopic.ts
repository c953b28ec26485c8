import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { alertKeyPolicy, alertTopicPolicy } from "../lib/policyDocuments";

export interface AlertTopicArgs {
  readonly homeRegion: string;
  readonly accountId: string;
  readonly partition: string;
  /** Addresses subscribed by email; each must confirm the subscription AWS sends. */
  readonly emails: readonly string[];
  /** Services allowed to publish (and so to use the key). */
  readonly publisherServices: readonly string[];
}

/**
 * The one place alerts go: an SNS topic in the home region, encrypted with a customer-managed KMS
 * key that the publishing services may use, and a subscription per email address.
 */
export class AlertTopic extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;
  readonly topic: aws.sns.Topic;
  readonly topicArn: pulumi.Output<string>;
  readonly keyArn: pulumi.Output<string>;

  constructor(name: string, args: AlertTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aws-threat-detection:alerts:AlertTopic", name, {}, opts);
    const region = args.homeRegion;

    this.key = new aws.kms.Key(
      `${name}-key`,
      {
        region,
        description: "Encrypts aws-threat-detection alerts (SNS topic)",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: JSON.stringify(alertKeyPolicy(args)),
      },
      { parent: this },
    );
    new aws.kms.Alias(
      `${name}-key-alias`,
      { region, name: `alias/${name}`, targetKeyId: this.key.keyId },
      { parent: this },
    );

    this.topic = new aws.sns.Topic(
      `${name}-topic`,
      { region, displayName: "AWS threat detection alerts", kmsMasterKeyId: this.key.arn },
      { parent: this },
    );
    new aws.sns.TopicPolicy(
      `${name}-topic-policy`,
      {
        region,
        arn: this.topic.arn,
        policy: this.topic.arn.apply((topicArn) =>
          JSON.stringify(alertTopicPolicy({ ...args, topicArn })),
        ),
      },
      { parent: this },
    );

    args.emails.forEach((email, index) => {
      new aws.sns.TopicSubscription(
        `${name}-email-${index}`,
        { region, topic: this.topic.arn, protocol: "email", endpoint: email },
        { parent: this },
      );
    });

    this.topicArn = this.topic.arn;
    this.keyArn = this.key.arn;
    this.registerOutputs({ topicArn: this.topicArn, keyArn: this.keyArn });
  }
}
