import { expect } from "chai";
import { ConfigError } from "../lib/config";
import { AWS_REGIONS, DEFAULT_ENABLED_REGIONS } from "../lib/regions";
import { resourcesRegisteredBefore } from "../tools/mockRuntime";
import { BASE_CONFIG, TestRun, runProgram } from "./helpers/program";

const DETECTOR = "aws:guardduty/detector:Detector";
const PROVIDER = "pulumi:providers:aws";

const regionsWith = (run: TestRun, type: string) =>
  run
    .ofType(type)
    .map((r) => r.region)
    .sort();

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the program to fail");
}

describe("the program", () => {
  describe("with the default regions", () => {
    let run: TestRun;
    before(async () => {
      run = await runProgram();
    });

    it("covers every enabled region and none more, home region first", () => {
      expect(run.outputs["coveredRegions"]).to.deep.equal([
        "us-east-1",
        ...[...DEFAULT_ENABLED_REGIONS].filter((r) => r !== "us-east-1").sort(),
      ]);
      expect(regionsWith(run, DETECTOR)).to.deep.equal([...DEFAULT_ENABLED_REGIONS].sort());
      expect(regionsWith(run, "aws:securityhub/account:Account")).to.deep.equal(
        [...DEFAULT_ENABLED_REGIONS].sort(),
      );
    });

    it("goes through one AWS provider for the account, in the home region", () => {
      const providers = run.ofType(PROVIDER);
      expect(providers).to.have.length(1);
      expect(providers[0].inputs["region"]).to.equal("us-east-1");
      for (const resource of run.resources.filter((r) => r.custom && r.type !== PROVIDER)) {
        expect(resource.provider, resource.name).to.equal(providers[0].urn);
      }
    });

    it("gives every regional resource its region explicitly", () => {
      // The recorder gives global types (IAM, Organizations, ...) a null region; every other one
      // must name its region rather than inherit the provider's.
      const regional = run.resources.filter(
        (r) => r.custom && r.type !== PROVIDER && r.region !== null,
      );
      expect(regional.length).to.be.greaterThan(100);
      for (const resource of regional) {
        expect(DEFAULT_ENABLED_REGIONS, resource.name).to.include(resource.inputs["region"]);
      }
    });

    it("exports the topic and key ARNs and the home region", () => {
      expect(run.outputs["alertTopicArn"]).to.match(
        /^arn:aws:sns:us-east-1:123456789012:detect-alerts-topic-[0-9a-f]{7}$/,
      );
      expect(run.outputs["alertKeyArn"]).to.match(
        /^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/,
      );
      expect(run.outputs["homeRegion"]).to.equal("us-east-1");
    });

    it("exports the detector id and the hub ARN of each covered region", () => {
      const detectorIds = run.outputs["detectorIds"] as Record<string, string>;
      const hubArns = run.outputs["securityHubArns"] as Record<string, string>;
      expect(Object.keys(detectorIds).sort()).to.deep.equal([...DEFAULT_ENABLED_REGIONS].sort());
      for (const region of DEFAULT_ENABLED_REGIONS) {
        const detector = run.ofType(DETECTOR).find((d) => d.region === region)!;
        expect(detector.outputs["arn"]).to.equal(
          `arn:aws:guardduty:${region}:123456789012:detector/${detectorIds[region]}`,
        );
        expect(hubArns[region]).to.equal(`arn:aws:securityhub:${region}:123456789012:hub/default`);
      }
    });

    it("leaves opt-in regions alone when the account has not enabled them", () => {
      const regions = new Set(run.resources.map((r) => r.region));
      expect(regions.has("af-south-1")).to.equal(false);
      expect(regions.has("me-south-1")).to.equal(false);
    });
  });

  it("covers exactly the regions listed in config", async () => {
    const run = await runProgram({
      config: { ...BASE_CONFIG, regions: ["us-east-1", "eu-west-1"] },
    });
    expect(run.outputs["coveredRegions"]).to.deep.equal(["us-east-1", "eu-west-1"]);
    expect(new Set(run.resources.filter((r) => r.custom).map((r) => r.region))).to.deep.equal(
      new Set([null, "us-east-1", "eu-west-1"]),
    );
  });

  describe("with a home region other than us-east-1 and excluded regions", () => {
    let run: TestRun;
    before(async () => {
      run = await runProgram({
        config: {
          ...BASE_CONFIG,
          homeRegion: "eu-west-1",
          excludeRegions: ["ap-northeast-3", "sa-east-1"],
        },
      });
    });

    it("leaves out the excluded regions", () => {
      expect(run.outputs["coveredRegions"]).to.have.length(15);
      expect(regionsWith(run, DETECTOR)).to.not.include.members(["ap-northeast-3"]);
      expect(regionsWith(run, DETECTOR)).to.not.include.members(["sa-east-1"]);
    });

    it("keeps the topic, the aggregator and the provider in the home region", () => {
      expect(run.outputs["coveredRegions"]).to.have.property("0", "eu-west-1");
      expect(run.outputs["alertTopicArn"]).to.match(/^arn:aws:sns:eu-west-1:/);
      const aggregators = run.ofType("aws:securityhub/findingAggregator:FindingAggregator");
      expect(aggregators.map((a) => a.region)).to.deep.equal(["eu-west-1"]);
      expect(run.ofType(PROVIDER)[0].inputs["region"]).to.equal("eu-west-1");
    });
  });

  describe("in an account that has enabled every opt-in region", () => {
    let run: TestRun;
    before(async () => {
      run = await runProgram({ enabledRegions: AWS_REGIONS.map((r) => r.name) });
    });

    it("covers the opt-in regions too, such as af-south-1", () => {
      expect(regionsWith(run, DETECTOR)).to.include("af-south-1");
      expect(run.outputs["coveredRegions"]).to.have.length(AWS_REGIONS.length);
    });

    it("keeps rule and role names within the 64 characters AWS allows", () => {
      const named = [
        ...run.ofType("aws:cloudwatch/eventRule:EventRule"),
        ...run.ofType("aws:iam/role:Role"),
      ];
      expect(named.length).to.be.greaterThan(AWS_REGIONS.length * 2);
      for (const resource of named) {
        expect(String(resource.outputs["name"]).length, resource.name).to.be.at.most(64);
      }
    });
  });

  describe("with bad config", () => {
    it("stops before any resource is registered, naming every problem", async () => {
      const err = await failureOf(
        runProgram({
          config: {
            ...BASE_CONFIG,
            alerts: { emails: ["nobody"] },
            securityHub: { standards: ["soc2"] },
          },
        }),
      );
      expect(err).to.be.instanceOf(ConfigError);
      expect((err as ConfigError).problems).to.have.length(2);
      expect(resourcesRegisteredBefore(err)).to.deep.equal([]);
    });

    it("stops before creating anything but the provider when a region is not enabled in the account", async () => {
      const err = await failureOf(
        runProgram({ config: { ...BASE_CONFIG, regions: ["us-east-1", "me-south-1"] } }),
      );
      expect(String((err as Error).message)).to.include(
        "Regions not enabled in this account: me-south-1",
      );
      // The provider must exist to ask AWS which regions are enabled; nothing else may.
      expect(resourcesRegisteredBefore(err)!.map((r) => r.type)).to.deep.equal([PROVIDER]);
    });
  });
});
