import * as aws from "@pulumi/aws";
import {
  bucketsBlockPublicAccess,
  bucketsRequireTls,
  bucketsVersioned,
  recordersRecording,
  trailsComplete,
} from "../../policies/logging";
import { changed, without } from "./baselineStack";
import {
  StackResourceSpec,
  UNKNOWN_VALUE,
  assertHasViolation,
  assertNoViolations,
  resourceArgs,
  stackArgs,
  stackResource,
} from "./helpers";

describe("policy cloudtrail-multi-region-validated-encrypted", () => {
  const trail = (props: Record<string, unknown>) =>
    resourceArgs(
      aws.cloudtrail.Trail,
      {
        s3BucketName: "logs",
        isMultiRegionTrail: true,
        enableLogFileValidation: true,
        kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/1111",
        ...props,
      },
      "trail",
    );

  it("passes a multi-region trail with validation and a KMS key", async () => {
    await assertNoViolations(trailsComplete, trail({}));
  });

  it("rejects a single-region trail", async () => {
    const args = trail({ isMultiRegionTrail: false });
    await assertHasViolation(trailsComplete, args, 'Trail "trail" records one region');
  });

  it("rejects a trail without log file validation", async () => {
    const args = trail({ enableLogFileValidation: undefined });
    await assertHasViolation(trailsComplete, args, "enableLogFileValidation");
  });

  it("rejects a trail without a KMS key", async () => {
    await assertHasViolation(trailsComplete, trail({ kmsKeyId: undefined }), "without a KMS key");
  });

  it("skips a KMS key that is unknown during preview", async () => {
    await assertNoViolations(trailsComplete, trail({ kmsKeyId: UNKNOWN_VALUE }));
  });
});

/** A log bucket with every setting the bucket policies ask for. */
function logBucket(): StackResourceSpec[] {
  const tlsOnly = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: ["arn:aws:s3:::logs-1", "arn:aws:s3:::logs-1/*"],
        Condition: { Bool: { "aws:SecureTransport": false } },
      },
    ],
  });
  return [
    stackResource(aws.s3.Bucket, "logs", { region: "us-east-1", bucket: "logs-1" }),
    stackResource(
      aws.s3.BucketPublicAccessBlock,
      "logs-pab",
      {
        bucket: "logs-1",
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      ["logs"],
    ),
    stackResource(aws.s3.BucketPolicy, "logs-policy", { bucket: "logs-1", policy: tlsOnly }, [
      "logs",
    ]),
    stackResource(
      aws.s3.BucketVersioning,
      "logs-versioning",
      {
        bucket: "logs-1",
        versioningConfiguration: { status: "Enabled" },
      },
      ["logs"],
    ),
  ];
}

describe("the log bucket policies", () => {
  it("pass a private, TLS-only, versioned bucket", async () => {
    for (const policy of [bucketsBlockPublicAccess, bucketsRequireTls, bucketsVersioned]) {
      await assertNoViolations(policy, stackArgs(logBucket()));
    }
  });

  it("reject a bucket whose public access block leaves public policies allowed", async () => {
    const stack = changed(logBucket(), "logs-pab", { blockPublicPolicy: false });
    const expected = 'Bucket "logs" has no public access block';
    await assertHasViolation(bucketsBlockPublicAccess, stackArgs(stack), expected);
  });

  it("reject a bucket without a TLS-only policy", async () => {
    await assertHasViolation(
      bucketsRequireTls,
      stackArgs(without(logBucket(), "logs-policy")),
      "without TLS",
    );
  });

  it("reject a bucket whose versioning is suspended", async () => {
    const suspended = { versioningConfiguration: { status: "Suspended" } };
    const stack = changed(logBucket(), "logs-versioning", suspended);
    await assertHasViolation(bucketsVersioned, stackArgs(stack), 'Bucket "logs" is not versioned');
  });
});

describe("policy config-recorder-recording", () => {
  const recorder = stackResource(aws.cfg.Recorder, "recorder", {
    region: "eu-west-1",
    name: "default",
    roleArn: "arn:aws:iam::123456789012:role/config",
  });
  const status = (isEnabled: unknown) =>
    stackResource(
      aws.cfg.RecorderStatus,
      "status",
      {
        region: "eu-west-1",
        name: "default",
        isEnabled,
      },
      ["recorder"],
    );

  it("passes a recorder whose status turns it on", async () => {
    await assertNoViolations(recordersRecording, stackArgs([recorder, status(true)]));
  });

  it("rejects a recorder that is turned off", async () => {
    const args = stackArgs([recorder, status(false)]);
    await assertHasViolation(recordersRecording, args, 'Recorder "recorder" records nothing');
  });
});
