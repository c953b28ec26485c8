import { expect } from "chai";
import { GuardDuty } from "../../components/guardduty";
import { UNAVAILABLE } from "../../lib/regions";
import { configWith, runComponent } from "../helpers/components";

const DETECTOR = "aws:guardduty/detector:Detector";
const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-1"];
/** A region the availability table says lacks RDS Protection. */
const NO_RDS_REGION = UNAVAILABLE["guardduty:RDS_LOGIN_EVENTS"]![0];

function deploy(
  guardDuty: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
  regions = REGIONS,
) {
  const config = configWith({ guardDuty, ...extra });
  return runComponent(() => {
    const component = new GuardDuty("gd", {
      regions,
      settings: config.guardDuty,
      retainOnDelete: config.retainOnDelete,
    });
    return { detectorIds: component.detectorIds, skipped: component.skipped };
  });
}

describe("GuardDuty component", () => {
  describe("with the default config", () => {
    let run: Awaited<ReturnType<typeof deploy>>;
    before(async () => {
      run = await deploy();
    });

    it("creates one enabled detector per region, publishing every 15 minutes", async () => {
      const detectors = run.ofType(DETECTOR);
      expect(detectors.map((d) => d.region)).to.have.members(REGIONS);
      for (const detector of detectors) {
        expect(detector.inputs).to.deep.equal({
          region: detector.region,
          enable: true,
          findingPublishingFrequency: "FIFTEEN_MINUTES",
        });
      }
    });

    it("never uses the deprecated datasources block", async () => {
      for (const detector of run.ofType(DETECTOR))
        expect(detector.inputs).to.not.have.property("datasources");
    });

    it("turns on every protection plan in each region as a DetectorFeature of that region's detector", async () => {
      const { ofType, oneIn } = run;
      for (const region of REGIONS) {
        const detectorId = run.outputs.detectorIds[region];
        expect(oneIn(DETECTOR, region).outputs["arn"]).to.match(
          new RegExp(`:detector/${detectorId}$`),
        );
        const features = ofType(FEATURE).filter((f) => f.region === region);
        expect(features.map((f) => f.inputs["name"])).to.have.members([
          "S3_DATA_EVENTS",
          "EKS_AUDIT_LOGS",
          "EBS_MALWARE_PROTECTION",
          "RDS_LOGIN_EVENTS",
          "LAMBDA_NETWORK_LOGS",
          "RUNTIME_MONITORING",
        ]);
        for (const feature of features) {
          expect(feature.inputs["status"], String(feature.inputs["name"])).to.equal("ENABLED");
          expect(feature.inputs["detectorId"]).to.equal(detectorId);
        }
      }
    });

    it("sends one runtime feature, RUNTIME_MONITORING, with EKS, ECS Fargate and EC2 agent management", async () => {
      const features = run.ofType(FEATURE).filter((f) => f.region === "eu-west-1");
      expect(features.filter((f) => String(f.inputs["name"]).includes("RUNTIME"))).to.have.length(
        1,
      );
      const runtime = features.find((f) => f.inputs["name"] === "RUNTIME_MONITORING")!;
      expect(runtime.inputs["additionalConfigurations"]).to.deep.equal([
        { name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" },
        { name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" },
        { name: "EC2_AGENT_MANAGEMENT", status: "ENABLED" },
      ]);
    });

    it("keeps the detectors, and so their findings, on destroy", async () => {
      for (const detector of run.ofType(DETECTOR)) expect(detector.retainOnDelete).to.equal(true);
    });

    it("exports each region's detector id", async () => {
      const { outputs } = run;
      expect(Object.keys(outputs.detectorIds)).to.have.members(REGIONS);
      expect(outputs.detectorIds["eu-west-1"]).to.match(/^[0-9a-f]{32}$/);
    });

    it("parents every resource to the component and names it after it", async () => {
      const { resources } = run;
      const component = resources.find(
        (r) => r.type === "aws-threat-detection:guardduty:GuardDuty",
      )!;
      for (const resource of resources.filter((r) => r.custom)) {
        expect(resource.parent).to.equal(component.urn);
        expect(resource.name).to.match(/^gd-/);
      }
    });
  });

  it("sends a plan turned off in config as DISABLED rather than leaving it out", async () => {
    const { ofType } = await deploy({ s3DataEvents: false, ec2AgentManagement: false });
    const features = ofType(FEATURE).filter((f) => f.region === "us-east-1");
    expect(features.find((f) => f.inputs["name"] === "S3_DATA_EVENTS")!.inputs["status"]).to.equal(
      "DISABLED",
    );
    const runtime = features.find((f) => f.inputs["name"] === "RUNTIME_MONITORING")!;
    expect(runtime.inputs["additionalConfigurations"]).to.deep.include({
      name: "EC2_AGENT_MANAGEMENT",
      status: "DISABLED",
    });
  });

  it("sends only EKS_RUNTIME_MONITORING when the older feature is chosen", async () => {
    const { ofType } = await deploy({ runtimeMonitoring: false, eksRuntimeMonitoring: true });
    const names = ofType(FEATURE)
      .filter((f) => f.region === "us-east-1")
      .map((f) => f.inputs["name"]);
    expect(names).to.include("EKS_RUNTIME_MONITORING");
    expect(names).to.not.include("RUNTIME_MONITORING");
  });

  it("publishes findings at the configured frequency", async () => {
    const { ofType } = await deploy({ findingPublishingFrequency: "ONE_HOUR" });
    for (const detector of ofType(DETECTOR)) {
      expect(detector.inputs["findingPublishingFrequency"]).to.equal("ONE_HOUR");
    }
  });

  it("lets detectors be deleted with the stack when config says so", async () => {
    const { ofType } = await deploy({}, { retainOnDelete: false });
    for (const detector of ofType(DETECTOR)) expect(detector.retainOnDelete).to.equal(false);
  });

  it("leaves a plan out of a region that does not offer it, and says so", async () => {
    const { ofType, outputs } = await deploy({}, {}, ["us-east-1", NO_RDS_REGION]);
    const names = ofType(FEATURE)
      .filter((f) => f.region === NO_RDS_REGION)
      .map((f) => f.inputs["name"]);
    expect(names).to.not.include("RDS_LOGIN_EVENTS");
    expect(names).to.include("S3_DATA_EVENTS");
    expect(outputs.skipped.map((s) => `${s.region} ${s.capability}`)).to.deep.equal([
      `${NO_RDS_REGION} guardduty:RDS_LOGIN_EVENTS`,
    ]);
    expect(ofType(DETECTOR).map((d) => d.region)).to.include(NO_RDS_REGION);
  });
});
