import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PolicyDocument } from "../lib/policyDocuments";

export interface LogBucketArgs {
  readonly region: string;
  /** Customer key the bucket encrypts new objects with by default. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Days an object is kept; older versions go 30 days after they are replaced. */
  readonly retentionDays: number;
  /** The bucket policy, given the bucket's ARN; it should refuse plain HTTP. */
  readonly policy: (bucketArn: string) => pulumi.Input<PolicyDocument>;
  /** Keep the bucket, and so the logs, on `pulumi destroy`. */
  readonly retainOnDelete: boolean;
}

/** Logs older than this move to Glacier Instant Retrieval (its minimum storage is 90 days). */
const ARCHIVE_AFTER_DAYS = 90;
const NONCURRENT_VERSION_DAYS = 30;

/**
 * A private, versioned, KMS-encrypted S3 bucket for logs, with lifecycle rules that archive
 * and then expire old objects. The caller supplies the policy that lets its service write.
 */
export class LogBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  /** The bucket policy; writers should depend on it. */
  readonly bucketPolicy: aws.s3.BucketPolicy;

  constructor(name: string, args: LogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("aws-threat-detection:logs:LogBucket", name, {}, opts);
    const { region } = args;
    const child = { parent: this };

    this.bucket = new aws.s3.Bucket(
      name,
      { region, forceDestroy: false },
      {
        parent: this,
        retainOnDelete: args.retainOnDelete,
      },
    );
    const bucket = this.bucket.id;
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      {
        region,
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      child,
    );
    new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { region, bucket, rule: { objectOwnership: "BucketOwnerEnforced" } },
      child,
    );
    new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { region, bucket, versioningConfiguration: { status: "Enabled" } },
      child,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        region,
        bucket,
        rules: [
          {
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: "aws:kms",
              kmsMasterKeyId: args.kmsKeyArn,
            },
            bucketKeyEnabled: true,
          },
        ],
      },
      child,
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      { region, bucket, rules: lifecycleRules(args.retentionDays) },
      child,
    );
    this.bucketPolicy = new aws.s3.BucketPolicy(
      `${name}-policy`,
      {
        region,
        bucket,
        policy: this.bucket.arn.apply((arn) => pulumi.jsonStringify(args.policy(arn))),
      },
      // S3 refuses a policy while the public access block is being written.
      { parent: this, dependsOn: [publicAccess] },
    );

    this.bucketName = this.bucket.id;
    this.bucketArn = this.bucket.arn;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
  }
}

/** Archive after 90 days when logs are kept long enough for that to pay, expire at retention. */
export function lifecycleRules(
  retentionDays: number,
): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
  const archive = retentionDays >= 2 * ARCHIVE_AFTER_DAYS;
  return [
    {
      id: "expire-old-logs",
      status: "Enabled",
      filter: { prefix: "" },
      expiration: { days: retentionDays },
      transitions: archive ? [{ days: ARCHIVE_AFTER_DAYS, storageClass: "GLACIER_IR" }] : undefined,
      noncurrentVersionExpiration: { noncurrentDays: NONCURRENT_VERSION_DAYS },
      abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
    },
  ];
}
