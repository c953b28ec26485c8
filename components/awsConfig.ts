import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { planRecorders, recordingGroup } from "../lib/configRecording";
import {
  configBucketPolicy,
  configDeliveryPolicy,
  configKeyPolicy,
  configManagedPolicyArn,
  configTrustPolicy,
} from "../lib/logPolicies";
import { SkippedCapability } from "../lib/regions";
import { LogBucket } from "./logBucket";

export interface AwsConfigArgs {
  /** Covered regions, home region first. */
  readonly regions: readonly string[];
  /** Region of the history bucket and its key; records the global IAM types when it can. */
  readonly homeRegion: string;
  readonly accountId: string;
  readonly partition: string;
  /** Regions where a recorder exists already (one per region is allowed); skipped. Default none. */
  readonly existingRecorderRegions?: readonly string[];
  /** Days history and snapshots are kept. */
  readonly logRetentionDays: number;
  /** Keep the bucket and key on `pulumi destroy`. */
  readonly retainOnDelete: boolean;
}

/** The recorder and channel names; AWS allows one of each per region, so a fixed name is safe. */
const RECORDER_NAME = "aws-threat-detection";

/**
 * AWS Config recording in every covered region (Security Hub controls evaluate its records):
 * a recorder per region with a delivery channel to one encrypted bucket in the home region,
 * recording started, through one IAM role with the AWS managed AWS_ConfigRole policy.
 */
export class AwsConfig extends pulumi.ComponentResource {
  /** Recorder name per region. */
  readonly recorders: Record<string, pulumi.Output<string>> = {};
  readonly globalTypesRegion?: string;
  readonly skipped: SkippedCapability[];

  constructor(name: string, args: AwsConfigArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aws-threat-detection:config:AwsConfig", name, {}, opts);
    const { accountId, partition, homeRegion } = args;
    const plan = planRecorders(args.regions, homeRegion, args.existingRecorderRegions ?? []);
    this.globalTypesRegion = plan.globalTypesRegion;
    this.skipped = plan.skipped;
    if (plan.recorderRegions.length === 0) {
      this.registerOutputs({});
      return;
    }

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        region: homeRegion,
        description: "Encrypts aws-threat-detection AWS Config history",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: JSON.stringify(configKeyPolicy({ partition, accountId })),
      },
      { parent: this, retainOnDelete: args.retainOnDelete },
    );
    const history = new LogBucket(
      `${name}-history`,
      {
        region: homeRegion,
        kmsKeyArn: key.arn,
        retentionDays: args.logRetentionDays,
        policy: (bucketArn) => configBucketPolicy(bucketArn, { partition, accountId }),
        retainOnDelete: args.retainOnDelete,
      },
      { parent: this },
    );

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        description: "Lets AWS Config record resources and deliver history",
        assumeRolePolicy: JSON.stringify(configTrustPolicy(accountId)),
      },
      { parent: this },
    );
    const managedPolicy = new aws.iam.RolePolicyAttachment(
      `${name}-role-managed`,
      { role: role.name, policyArn: configManagedPolicyArn(partition) },
      { parent: this },
    );
    const deliveryPolicy = new aws.iam.RolePolicy(
      `${name}-role-delivery`,
      {
        role: role.id,
        policy: pulumi
          .all([history.bucketArn, key.arn])
          .apply(([bucketArn, keyArn]) =>
            JSON.stringify(configDeliveryPolicy(bucketArn, keyArn, accountId)),
          ),
      },
      { parent: this },
    );

    for (const region of plan.recorderRegions) {
      const recorder = new aws.cfg.Recorder(
        `${name}-${region}`,
        {
          region,
          name: RECORDER_NAME,
          roleArn: role.arn,
          recordingGroup: recordingGroup(region === plan.globalTypesRegion),
        },
        // Config checks the role's permissions when the recorder is created.
        { parent: this, dependsOn: [managedPolicy] },
      );
      const channel = new aws.cfg.DeliveryChannel(
        `${name}-${region}-channel`,
        { region, name: RECORDER_NAME, s3BucketName: history.bucketName, s3KmsKeyArn: key.arn },
        // A channel needs a recorder, and Config test-writes to the bucket when it is created.
        { parent: this, dependsOn: [recorder, deliveryPolicy, history.bucketPolicy] },
      );
      new aws.cfg.RecorderStatus(
        `${name}-${region}-status`,
        { region, name: recorder.name, isEnabled: true },
        // Recording can only start once the region has a delivery channel.
        { parent: this, dependsOn: [channel] },
      );
      this.recorders[region] = recorder.name;
    }

    this.registerOutputs({ recorders: this.recorders });
  }
}
