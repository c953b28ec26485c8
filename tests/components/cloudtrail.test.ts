import { expect } from "chai";
import { CloudTrail } from "../../components/cloudtrail";
import { lifecycleRules } from "../../components/logBucket";
import { policyOf, runComponent } from "../helpers/components";
import { TEST_ACCOUNT_ID } from "../helpers/program";

const T = {
  trail: "aws:cloudtrail/trail:Trail",
  key: "aws:kms/key:Key",
  bucket: "aws:s3/bucket:Bucket",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  publicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  encryption:
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
};

function deploy(organizationId?: string) {
  return runComponent(() => {
    const trail = new CloudTrail("trail", {
      homeRegion: "eu-west-1",
      accountId: TEST_ACCOUNT_ID,
      partition: "aws",
      logRetentionDays: 365,
      isOrganizationTrail: organizationId !== undefined,
      organizationId,
      retainOnDelete: true,
    });
    return { trailArn: trail.trailArn, bucketName: trail.bucketName, keyArn: trail.keyArn };
  });
}

const statement = (doc: any, sid: string) => doc.Statement.find((s: any) => s.Sid === sid);

describe("CloudTrail component", () => {
  let run: Awaited<ReturnType<typeof deploy>>;
  before(async () => {
    run = await deploy();
  });

  it("creates one multi-region trail with global events, validation and the customer key", () => {
    const trail = run.oneIn(T.trail, "eu-west-1");
    expect(trail.inputs).to.deep.include({
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      isOrganizationTrail: false,
      kmsKeyId: run.outputs.keyArn,
      s3BucketName: run.outputs.bucketName,
    });
    expect(run.outputs.trailArn).to.equal(
      `arn:aws:cloudtrail:eu-west-1:${TEST_ACCOUNT_ID}:trail/trail`,
    );
  });

  it("waits for the bucket policy, since CloudTrail checks it on creation", () => {
    const trail = run.oneIn(T.trail, "eu-west-1");
    expect(trail.dependsOn).to.include(run.oneIn(T.bucketPolicy, "eu-west-1").urn);
  });

  it("blocks public access, versions and encrypts the bucket with the trail key", () => {
    expect(run.oneIn(T.publicAccess, "eu-west-1").inputs).to.deep.include({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(run.oneIn(T.versioning, "eu-west-1").inputs["versioningConfiguration"]).to.deep.equal({
      status: "Enabled",
    });
    const rule = (run.oneIn(T.encryption, "eu-west-1").inputs["rules"] as any[])[0];
    expect(rule.applyServerSideEncryptionByDefault).to.deep.equal({
      sseAlgorithm: "aws:kms",
      kmsMasterKeyId: run.outputs.keyArn,
    });
  });

  it("lets only this trail write, over TLS only", () => {
    const policy = policyOf(run.oneIn(T.bucketPolicy, "eu-west-1"));
    const bucketArn = `arn:aws:s3:::${run.outputs.bucketName}`;
    expect(statement(policy, "DenyInsecureTransport").Condition).to.deep.equal({
      Bool: { "aws:SecureTransport": false },
    });
    expect(statement(policy, "AWSCloudTrailAclCheck").Condition).to.deep.equal({
      StringEquals: { "aws:SourceArn": run.outputs.trailArn },
    });
    const write = statement(policy, "AWSCloudTrailWrite");
    expect(write.Resource).to.deep.equal([`${bucketArn}/AWSLogs/${TEST_ACCOUNT_ID}/*`]);
    expect(write.Condition.StringEquals["aws:SourceArn"]).to.equal(run.outputs.trailArn);
    expect(statement(policy, "OnlyCloudTrailWrites")).to.deep.include({
      Effect: "Deny",
      Action: "s3:PutObject",
    });
  });

  it("lets CloudTrail encrypt with the key for this trail only", () => {
    const policy = policyOf(run.oneIn(T.key, "eu-west-1"));
    expect(statement(policy, "CloudTrailEncryptsLogs").Condition).to.deep.equal({
      StringEquals: { "aws:SourceArn": run.outputs.trailArn },
      StringLike: {
        "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${TEST_ACCOUNT_ID}:trail/*`,
      },
    });
  });

  it("keeps the bucket and key on destroy and expires logs after the retention", () => {
    expect(run.oneIn(T.bucket, "eu-west-1").retainOnDelete).to.equal(true);
    expect(run.oneIn(T.key, "eu-west-1").retainOnDelete).to.equal(true);
    const rules = run.oneIn(T.lifecycle, "eu-west-1").inputs["rules"] as any[];
    expect(rules[0].expiration).to.deep.equal({ days: 365 });
    expect(rules[0].transitions).to.deep.equal([{ days: 90, storageClass: "GLACIER_IR" }]);
  });

  it("does not archive logs kept too briefly for Glacier to pay", () => {
    expect(lifecycleRules(90)[0].transitions).to.equal(undefined);
  });

  it("as an organization trail, also admits the organization's log prefix", async () => {
    const org = await deploy("o-exampleorg1");
    expect(org.oneIn(T.trail, "eu-west-1").inputs["isOrganizationTrail"]).to.equal(true);
    const write = statement(policyOf(org.oneIn(T.bucketPolicy, "eu-west-1")), "AWSCloudTrailWrite");
    expect(write.Resource[1]).to.equal(
      `arn:aws:s3:::${org.outputs.bucketName}/AWSLogs/o-exampleorg1/*`,
    );
  });

  it("refuses an organization trail without the organization id", async () => {
    let error: unknown;
    try {
      await runComponent(
        () =>
          new CloudTrail("trail", {
            homeRegion: "eu-west-1",
            accountId: TEST_ACCOUNT_ID,
            partition: "aws",
            logRetentionDays: 365,
            isOrganizationTrail: true,
            retainOnDelete: true,
          }),
      );
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.include("An organization trail needs organizationId");
  });
});
