import { expect } from "chai";
import { SecurityHub } from "../../components/securityhub";
import { SecurityHubStandardKey } from "../../lib/arns";
import { runComponent } from "../helpers/components";

const ACCOUNT = "aws:securityhub/account:Account";
const SUBSCRIPTION = "aws:securityhub/standardsSubscription:StandardsSubscription";
const AGGREGATOR = "aws:securityhub/findingAggregator:FindingAggregator";

function deploy(options: {
  regions: string[];
  homeRegion: string;
  partition?: string;
  standards?: SecurityHubStandardKey[];
  retainOnDelete?: boolean;
}) {
  return runComponent(() => {
    const hub = new SecurityHub("hub", {
      regions: options.regions,
      homeRegion: options.homeRegion,
      partition: options.partition ?? "aws",
      standards: options.standards ?? ["fsbp", "cis-3.0"],
      retainOnDelete: options.retainOnDelete ?? true,
    });
    return { hubArns: hub.hubArns };
  });
}

describe("Security Hub component", () => {
  describe("in three regions with a home region", () => {
    const regions = ["eu-west-1", "us-east-1", "ap-southeast-1"];
    let run: Awaited<ReturnType<typeof deploy>>;
    before(async () => {
      run = await deploy({
        regions,
        homeRegion: "eu-west-1",
        standards: ["fsbp", "cis-1.2", "cis-3.0"],
      });
    });

    it("enables the hub in each region with default standards off and consolidated control findings", () => {
      for (const region of regions) {
        expect(run.oneIn(ACCOUNT, region).inputs).to.deep.include({
          region,
          enableDefaultStandards: false,
          controlFindingGenerator: "SECURITY_CONTROL",
        });
      }
    });

    it("keeps the hubs, and so their findings, on destroy", () => {
      for (const account of run.ofType(ACCOUNT)) expect(account.retainOnDelete).to.equal(true);
    });

    it("subscribes each region to each standard with that region's ARN, and CIS 1.2 with the global one", () => {
      const arns = run
        .ofType(SUBSCRIPTION)
        .filter((s) => s.region === "ap-southeast-1")
        .map((s) => s.inputs["standardsArn"]);
      expect(arns).to.have.members([
        "arn:aws:securityhub:ap-southeast-1::standards/aws-foundational-security-best-practices/v/1.0.0",
        "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0",
        "arn:aws:securityhub:ap-southeast-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
      ]);
      expect(run.ofType(SUBSCRIPTION)).to.have.length(regions.length * 3);
    });

    it("subscribes only after the hub of the same region exists", () => {
      for (const subscription of run.ofType(SUBSCRIPTION)) {
        expect(subscription.dependsOn).to.include(run.oneIn(ACCOUNT, subscription.region!).urn);
      }
    });

    it("creates exactly one finding aggregator, in the home region, linking the other regions", () => {
      const aggregators = run.ofType(AGGREGATOR);
      expect(aggregators).to.have.length(1);
      expect(aggregators[0].inputs).to.deep.equal({
        region: "eu-west-1",
        linkingMode: "SPECIFIED_REGIONS",
        specifiedRegions: ["us-east-1", "ap-southeast-1"],
      });
    });

    it("creates the aggregator once every hub exists", () => {
      const aggregator = run.ofType(AGGREGATOR)[0];
      for (const account of run.ofType(ACCOUNT))
        expect(aggregator.dependsOn).to.include(account.urn);
    });

    it("exports each region's hub ARN", () => {
      expect(run.outputs.hubArns).to.deep.equal({
        "eu-west-1": "arn:aws:securityhub:eu-west-1:123456789012:hub/default",
        "us-east-1": "arn:aws:securityhub:us-east-1:123456789012:hub/default",
        "ap-southeast-1": "arn:aws:securityhub:ap-southeast-1:123456789012:hub/default",
      });
    });
  });

  it("builds standard ARNs with the account's partition", async () => {
    const run = await deploy({
      regions: ["us-gov-west-1"],
      homeRegion: "us-gov-west-1",
      partition: "aws-us-gov",
      standards: ["nist-800-53"],
    });
    expect(run.ofType(SUBSCRIPTION).map((s) => s.inputs["standardsArn"])).to.deep.equal([
      "arn:aws-us-gov:securityhub:us-gov-west-1::standards/nist-800-53/v/5.0.0",
    ]);
  });

  it("links no region when the home region is the only one", async () => {
    const run = await deploy({ regions: ["us-east-1"], homeRegion: "us-east-1" });
    expect(run.ofType(AGGREGATOR).map((a) => a.inputs)).to.deep.equal([
      { region: "us-east-1", linkingMode: "NO_REGIONS" },
    ]);
  });

  it("lets the hubs be deleted with the stack when config says so", async () => {
    const run = await deploy({
      regions: ["us-east-1"],
      homeRegion: "us-east-1",
      retainOnDelete: false,
    });
    expect(run.ofType(ACCOUNT).map((a) => a.retainOnDelete)).to.deep.equal([false]);
  });
});
