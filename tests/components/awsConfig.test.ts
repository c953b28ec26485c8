import { expect } from "chai";
import { AwsConfig } from "../../components/awsConfig";
import { planRecorders } from "../../lib/configRecording";
import { policyOf, runComponent } from "../helpers/components";
import { TEST_ACCOUNT_ID } from "../helpers/program";

const RECORDER = "aws:cfg/recorder:Recorder";
const CHANNEL = "aws:cfg/deliveryChannel:DeliveryChannel";
const STATUS = "aws:cfg/recorderStatus:RecorderStatus";
const REGIONS = ["eu-west-1", "ap-southeast-1", "us-east-1"];

function deploy(existingRecorderRegions: string[] = []) {
  return runComponent(() => {
    const config = new AwsConfig("config", {
      regions: REGIONS,
      homeRegion: "eu-west-1",
      accountId: TEST_ACCOUNT_ID,
      partition: "aws",
      existingRecorderRegions,
      logRetentionDays: 365,
      retainOnDelete: true,
    });
    return { recorders: config.recorders };
  });
}

describe("AwsConfig component", () => {
  let run: Awaited<ReturnType<typeof deploy>>;
  before(async () => {
    run = await deploy();
  });

  it("records every supported type in each covered region, global IAM types in the home region only", () => {
    const groups = Object.fromEntries(
      run
        .ofType(RECORDER)
        .map((r) => [r.region, (r.inputs["recordingGroup"] as any).includeGlobalResourceTypes]),
    );
    expect(groups).to.deep.equal({
      "eu-west-1": true,
      "ap-southeast-1": false,
      "us-east-1": false,
    });
    for (const recorder of run.ofType(RECORDER)) {
      expect((recorder.inputs["recordingGroup"] as any).allSupported).to.equal(true);
    }
  });

  it("delivers every region's history to one encrypted home-region bucket and starts recording", () => {
    const buckets = new Set(run.ofType(CHANNEL).map((c) => c.inputs["s3BucketName"]));
    expect(buckets.size).to.equal(1);
    for (const region of REGIONS) {
      expect(run.oneIn(CHANNEL, region).inputs["s3KmsKeyArn"]).to.match(/^arn:aws:kms:eu-west-1:/);
      const status = run.oneIn(STATUS, region);
      expect(status.inputs["isEnabled"]).to.equal(true);
      expect(status.dependsOn).to.include(run.oneIn(CHANNEL, region).urn);
    }
  });

  it("uses one role with the AWS managed AWS_ConfigRole policy", () => {
    const attachment = run.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    expect(attachment.map((a) => a.inputs["policyArn"])).to.deep.equal([
      "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole",
    ]);
    const trust = policyOf(run.ofType("aws:iam/role:Role")[0], "assumeRolePolicy");
    expect(trust.Statement[0].Principal).to.deep.equal({ Service: "config.amazonaws.com" });
  });

  it("skips regions that already have a recorder", async () => {
    const partial = await deploy(["ap-southeast-1"]);
    expect(
      partial
        .ofType(RECORDER)
        .map((r) => r.region)
        .sort(),
    ).to.deep.equal(["eu-west-1", "us-east-1"]);
  });

  it("records global types elsewhere when the home region cannot, and says so", () => {
    const plan = planRecorders(["eu-central-2", "us-east-1"], "eu-central-2", []);
    expect(plan.globalTypesRegion).to.equal("us-east-1");
    expect(plan.skipped.map((s) => s.reason)).to.deep.equal([
      "AWS does not offer config:GLOBAL_IAM_TYPES in eu-central-2 (availability table in lib/regions.ts)" +
        "; recorded in us-east-1 instead",
    ]);
  });
});
