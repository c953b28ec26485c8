/**
 * Policies for the buckets and keys that hold CloudTrail logs and AWS Config history. Each
 * service may write only its own prefix, only on behalf of this account's (or organization's)
 * own trail or recorder, and nothing is readable over plain HTTP.
 */
import {
  PolicyDocument,
  PolicyStatement,
  accountAdministersKey,
  serviceTrustPolicy,
} from "./policyDocuments";

export interface TrailPolicyArgs {
  readonly partition: string;
  /** The account that owns the trail (the management account for an organization trail). */
  readonly accountId: string;
  readonly region: string;
  readonly trailName: string;
  /** Set for an organization trail: member accounts' logs go under `AWSLogs/<orgId>/`. */
  readonly organizationId?: string;
}

/** The ARN a trail will have, known before it exists so that policies can name it. */
export function trailArn(args: TrailPolicyArgs): string {
  return `arn:${args.partition}:cloudtrail:${args.region}:${args.accountId}:trail/${args.trailName}`;
}

/** Refuses every request to the bucket that is not over TLS. */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": false } },
  };
}

/**
 * The trail bucket's policy: CloudTrail checks the ACL and writes for this trail only, and
 * nobody else may put objects (the deny names CloudTrail's service principal as the exception).
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
 */
export function trailBucketPolicy(bucketArn: string, args: TrailPolicyArgs): PolicyDocument {
  const sourceArn = { "aws:SourceArn": trailArn(args) };
  const logPrefixes = [args.accountId, ...(args.organizationId ? [args.organizationId] : [])];
  return {
    Version: "2012-10-17",
    Statement: [
      denyInsecureTransport(bucketArn),
      {
        Sid: "AWSCloudTrailAclCheck",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: bucketArn,
        Condition: { StringEquals: sourceArn },
      },
      {
        Sid: "AWSCloudTrailWrite",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: logPrefixes.map((prefix) => `${bucketArn}/AWSLogs/${prefix}/*`),
        Condition: { StringEquals: { ...sourceArn, "s3:x-amz-acl": "bucket-owner-full-control" } },
      },
      {
        Sid: "OnlyCloudTrailWrites",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `${bucketArn}/*`,
        Condition: { StringNotEquals: { "aws:PrincipalServiceName": "cloudtrail.amazonaws.com" } },
      },
    ],
  };
}

/**
 * The trail key's policy: the account administers it, CloudTrail encrypts for this trail only
 * (source ARN and encryption context), and principals of the account may decrypt log files.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 */
export function trailKeyPolicy(args: TrailPolicyArgs): PolicyDocument {
  const trailsOfAccount = `arn:${args.partition}:cloudtrail:*:${args.accountId}:trail/*`;
  return {
    Version: "2012-10-17",
    Statement: [
      accountAdministersKey(args.partition, args.accountId),
      {
        Sid: "CloudTrailEncryptsLogs",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:GenerateDataKey*",
        Resource: "*",
        Condition: {
          StringEquals: { "aws:SourceArn": trailArn(args) },
          StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trailsOfAccount },
        },
      },
      {
        Sid: "CloudTrailDescribesKey",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:DescribeKey",
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceArn": trailArn(args) } },
      },
      {
        Sid: "AccountDecryptsLogs",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
        Resource: "*",
        Condition: {
          StringEquals: { "kms:CallerAccount": args.accountId },
          StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trailsOfAccount },
        },
      },
    ],
  };
}

export interface ConfigPolicyArgs {
  readonly partition: string;
  readonly accountId: string;
}

/** The AWS managed policy that lets AWS Config read resource configuration. */
export function configManagedPolicyArn(partition: string): string {
  return `arn:${partition}:iam::aws:policy/service-role/AWS_ConfigRole`;
}

export function configTrustPolicy(accountId: string): PolicyDocument {
  return serviceTrustPolicy("config.amazonaws.com", accountId, "ConfigAssumes");
}

/**
 * What the recorder's role needs beyond AWS_ConfigRole: writing history to this bucket's prefix
 * with this key. With a role of its own, Config delivers with the role's permissions.
 * https://docs.aws.amazon.com/config/latest/developerguide/iamrole-permissions.html
 */
export function configDeliveryPolicy(
  bucketArn: string,
  keyArn: string,
  accountId: string,
): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "CheckBucket",
        Effect: "Allow",
        Action: ["s3:GetBucketAcl", "s3:ListBucket"],
        Resource: bucketArn,
      },
      {
        Sid: "DeliverHistory",
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: `${bucketArn}/AWSLogs/${accountId}/Config/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
      },
      {
        Sid: "EncryptHistory",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: keyArn,
      },
    ],
  };
}

/**
 * The Config bucket's policy: TLS only, and the Config service may check and write this
 * account's prefix (used when the account's recorder runs with the service-linked role).
 * https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html
 */
export function configBucketPolicy(bucketArn: string, args: ConfigPolicyArgs): PolicyDocument {
  const sameAccount = { "aws:SourceAccount": args.accountId };
  return {
    Version: "2012-10-17",
    Statement: [
      denyInsecureTransport(bucketArn),
      {
        Sid: "AWSConfigBucketPermissionsCheck",
        Effect: "Allow",
        Principal: { Service: "config.amazonaws.com" },
        Action: ["s3:GetBucketAcl", "s3:ListBucket"],
        Resource: bucketArn,
        Condition: { StringEquals: sameAccount },
      },
      {
        Sid: "AWSConfigBucketDelivery",
        Effect: "Allow",
        Principal: { Service: "config.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${bucketArn}/AWSLogs/${args.accountId}/Config/*`,
        Condition: {
          StringEquals: { ...sameAccount, "s3:x-amz-acl": "bucket-owner-full-control" },
        },
      },
    ],
  };
}

/** The Config key: the account administers it (so the role's IAM policy applies); Config encrypts. */
export function configKeyPolicy(args: ConfigPolicyArgs): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      accountAdministersKey(args.partition, args.accountId),
      {
        Sid: "ConfigEncryptsHistory",
        Effect: "Allow",
        Principal: { Service: "config.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": args.accountId } },
      },
    ],
  };
}
