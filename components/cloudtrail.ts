import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { trailBucketPolicy, trailKeyPolicy } from "../lib/logPolicies";
import { LogBucket } from "./logBucket";

export interface CloudTrailArgs {
  /** Region of the trail, its bucket and its key. */
  readonly homeRegion: string;
  /** The account the provider acts in (the management account for an organization trail). */
  readonly accountId: string;
  readonly partition: string;
  /** Days log files are kept. */
  readonly logRetentionDays: number;
  /** An organization trail logs every account of the organization. Default false. */
  readonly isOrganizationTrail?: boolean;
  /** Required for an organization trail: member logs are written under `AWSLogs/<orgId>/`. */
  readonly organizationId?: pulumi.Input<string>;
  /** Keep the bucket and key on `pulumi destroy`, so that logs stay readable. */
  readonly retainOnDelete: boolean;
}

/**
 * One multi-region trail with global service events and log file validation, encrypted with a
 * customer key into a bucket only CloudTrail writes to. EventBridge receives "AWS API Call via
 * CloudTrail" events only while such a trail logs, so activity alerts depend on it.
 */
export class CloudTrail extends pulumi.ComponentResource {
  readonly trail: aws.cloudtrail.Trail;
  readonly trailArn: pulumi.Output<string>;
  readonly bucketName: pulumi.Output<string>;
  readonly keyArn: pulumi.Output<string>;

  constructor(name: string, args: CloudTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aws-threat-detection:cloudtrail:CloudTrail", name, {}, opts);
    const isOrganizationTrail = args.isOrganizationTrail ?? false;
    if (isOrganizationTrail && args.organizationId === undefined) {
      throw new pulumi.ResourceError("An organization trail needs organizationId", this);
    }
    const region = args.homeRegion;
    // The trail's name is fixed so that the key and bucket policies can name its ARN up front.
    const trailName = name;
    const policyArgs = { ...args, region, trailName };

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        region,
        description: "Encrypts aws-threat-detection CloudTrail logs",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: pulumi
          .output(args.organizationId)
          .apply((organizationId) =>
            JSON.stringify(trailKeyPolicy({ ...policyArgs, organizationId })),
          ),
      },
      { parent: this, retainOnDelete: args.retainOnDelete },
    );
    const logs = new LogBucket(
      `${name}-logs`,
      {
        region,
        kmsKeyArn: key.arn,
        retentionDays: args.logRetentionDays,
        policy: (bucketArn) =>
          pulumi
            .output(args.organizationId)
            .apply((organizationId) =>
              trailBucketPolicy(bucketArn, { ...policyArgs, organizationId }),
            ),
        retainOnDelete: args.retainOnDelete,
      },
      { parent: this },
    );

    this.trail = new aws.cloudtrail.Trail(
      name,
      {
        region,
        name: trailName,
        s3BucketName: logs.bucketName,
        kmsKeyId: key.arn,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        isOrganizationTrail,
      },
      // CloudTrail checks at creation that it may write to the bucket and use the key.
      { parent: this, dependsOn: [logs.bucketPolicy] },
    );

    this.trailArn = this.trail.arn;
    this.bucketName = logs.bucketName;
    this.keyArn = key.arn;
    this.registerOutputs({
      trailArn: this.trailArn,
      bucketName: this.bucketName,
      keyArn: this.keyArn,
    });
  }
}
