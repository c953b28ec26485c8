import { ConfigError } from "../../lib/config";
import { expect } from "chai";
import {
  AWS_REGIONS,
  Capability,
  DEFAULT_ENABLED_REGIONS,
  ENABLED_OPT_IN_STATUSES,
  KNOWN_REGION_NAMES,
  UNAVAILABLE,
  isAvailable,
  selectCoveredRegions,
  unavailableReason,
} from "../../lib/regions";

describe("the region table", () => {
  it("lists each region once", () => {
    const names = AWS_REGIONS.map((r) => r.name);
    expect(new Set(names).size).to.equal(names.length);
    expect(KNOWN_REGION_NAMES.size).to.equal(names.length);
  });

  it("has the 17 regions every account has without opting in", () => {
    expect([...DEFAULT_ENABLED_REGIONS].sort()).to.deep.equal([
      "ap-northeast-1",
      "ap-northeast-2",
      "ap-northeast-3",
      "ap-south-1",
      "ap-southeast-1",
      "ap-southeast-2",
      "ca-central-1",
      "eu-central-1",
      "eu-north-1",
      "eu-west-1",
      "eu-west-2",
      "eu-west-3",
      "sa-east-1",
      "us-east-1",
      "us-east-2",
      "us-west-1",
      "us-west-2",
    ]);
  });

  it("leaves opt-in regions such as af-south-1 and me-south-1 out of the defaults", () => {
    expect(KNOWN_REGION_NAMES.has("af-south-1")).to.equal(true);
    expect(DEFAULT_ENABLED_REGIONS).to.not.include.members(["af-south-1"]);
    expect(DEFAULT_ENABLED_REGIONS).to.not.include.members(["me-south-1"]);
  });

  it("asks region discovery for regions that need no opt-in and regions opted in", () => {
    expect([...ENABLED_OPT_IN_STATUSES]).to.deep.equal(["opt-in-not-required", "opted-in"]);
  });
});

describe("the availability table", () => {
  it("names only known regions", () => {
    for (const [capability, regions] of Object.entries(UNAVAILABLE)) {
      for (const region of regions ?? []) {
        expect(KNOWN_REGION_NAMES.has(region), `${capability}: ${region}`).to.equal(true);
      }
    }
  });

  it("says a capability is available in a region its row does not list", () => {
    expect(isAvailable("inspector:LAMBDA_CODE", "us-east-1")).to.equal(true);
    expect(isAvailable("securityhub", "eu-west-1")).to.equal(true);
  });

  it("says a capability is missing from a region its row lists", () => {
    for (const [capability, regions] of Object.entries(UNAVAILABLE)) {
      for (const region of regions ?? []) {
        expect(isAvailable(capability as Capability, region), `${capability}: ${region}`).to.equal(
          false,
        );
      }
    }
  });

  it("explains a skipped capability with the region and where the fact comes from", () => {
    const reason = unavailableReason("inspector:LAMBDA_CODE", "ap-northeast-3");
    expect(reason).to.include("ap-northeast-3");
    expect(reason).to.include("lib/regions.ts");
  });
});

describe("selectCoveredRegions", () => {
  const enabled = ["eu-west-1", "us-east-1", "ap-southeast-1", "af-south-1"];

  it("covers every enabled region by default, home region first and the others sorted", () => {
    expect(selectCoveredRegions({ enabled, exclude: [], homeRegion: "us-east-1" })).to.deep.equal([
      "us-east-1",
      "af-south-1",
      "ap-southeast-1",
      "eu-west-1",
    ]);
  });

  it("covers exactly the explicit list when one is given", () => {
    const covered = selectCoveredRegions({
      enabled,
      explicit: ["eu-west-1", "us-east-1"],
      exclude: [],
      homeRegion: "us-east-1",
    });
    expect(covered).to.deep.equal(["us-east-1", "eu-west-1"]);
  });

  it("leaves out excluded regions", () => {
    const covered = selectCoveredRegions({
      enabled,
      exclude: ["af-south-1"],
      homeRegion: "us-east-1",
    });
    expect(covered).to.deep.equal(["us-east-1", "ap-southeast-1", "eu-west-1"]);
  });

  it("puts a home region other than us-east-1 first", () => {
    expect(selectCoveredRegions({ enabled, exclude: [], homeRegion: "eu-west-1" })[0]).to.equal(
      "eu-west-1",
    );
  });

  it("counts a region listed twice once", () => {
    const covered = selectCoveredRegions({
      enabled,
      explicit: ["us-east-1", "eu-west-1", "eu-west-1"],
      exclude: [],
      homeRegion: "us-east-1",
    });
    expect(covered).to.deep.equal(["us-east-1", "eu-west-1"]);
  });

  it("rejects a requested region the account has not enabled, naming it and the key to fix", () => {
    expect(() =>
      selectCoveredRegions({
        enabled,
        explicit: ["us-east-1", "me-south-1"],
        exclude: [],
        homeRegion: "us-east-1",
      }),
    ).to.throw(/Regions not enabled in this account: me-south-1\. .*aws-threat-detection:regions/);
  });

  it("reports regions that are not enabled as bad config, which the plan exits 2 for", () => {
    expect(() => selectCoveredRegions({ enabled, exclude: [], homeRegion: "eu-south-1" }))
      .to.throw(ConfigError)
      .with.property("problems")
      .that.has.length(1);
  });

  it("rejects a home region the account has not enabled", () => {
    expect(() => selectCoveredRegions({ enabled, exclude: [], homeRegion: "eu-south-1" })).to.throw(
      /Regions not enabled in this account: eu-south-1\. .*aws-threat-detection:homeRegion/,
    );
  });
});
