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

  it("passes a trail that logs, with global-service events, set explicitly", async () => {
    const args = trail({ enableLogging: true, includeGlobalServiceEvents: true });
    await assertNoViolations(trailsComplete, args);
  });

  it("rejects a trail with logging turned off", async () => {
    const args = trail({ enableLogging: false });
    await assertHasViolation(trailsComplete, args, "does not log (enableLogging: false)");
  });

  it("rejects a trail without global-service events", async () => {
    const args = trail({ includeGlobalServiceEvents: false });
    await assertHasViolation(trailsComplete, args, "leaves out IAM, STS and sign-in events");
  });

  it("passes event selectors that add data events to every management event", async () => {
    const eventSelectors = [
      {
        readWriteType: "All",
        includeManagementEvents: true,
        dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }],
      },
    ];
    await assertNoViolations(trailsComplete, trail({ eventSelectors }));
  });

  it("rejects event selectors that exclude management events", async () => {
    const eventSelectors = [{ includeManagementEvents: false }];
    const args = trail({ eventSelectors });
    await assertHasViolation(trailsComplete, args, 'Trail "trail" logs no management events');
  });

  it("rejects event selectors that log write events only, or leave out KMS", async () => {
    const eventSelectors = [
      { readWriteType: "WriteOnly", excludeManagementEventSources: ["kms.amazonaws.com"] },
    ];
    const args = trail({ eventSelectors });
    await assertHasViolation(trailsComplete, args, "logs no read management events");
    await assertHasViolation(trailsComplete, args, "management events of kms.amazonaws.com");
  });

  it("passes advanced selectors for management events, read and write", async () => {
    const advancedEventSelectors = [
      { name: "management", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
      {
        name: "s3",
        fieldSelectors: [
          { field: "eventCategory", equals: ["Data"] },
          { field: "resources.type", equals: ["AWS::S3::Object"] },
        ],
      },
    ];
    await assertNoViolations(trailsComplete, trail({ advancedEventSelectors }));
  });

  it("rejects advanced selectors that leave out management events", async () => {
    const advancedEventSelectors = [
      {
        name: "s3",
        fieldSelectors: [
          { field: "eventCategory", equals: ["Data"] },
          { field: "resources.type", equals: ["AWS::S3::Object"] },
        ],
      },
    ];
    const args = trail({ advancedEventSelectors });
    await assertHasViolation(trailsComplete, args, "logs no management events");
  });

  it("rejects advanced selectors for read-only management events", async () => {
    const advancedEventSelectors = [
      {
        fieldSelectors: [
          { field: "eventCategory", equals: ["Management"] },
          { field: "readOnly", equals: ["true"] },
        ],
      },
    ];
    const args = trail({ advancedEventSelectors });
    await assertHasViolation(trailsComplete, args, "logs no write management events");
  });

  it("skips event selectors that are unknown during preview", async () => {
    await assertNoViolations(trailsComplete, trail({ eventSelectors: UNKNOWN_VALUE }));
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
