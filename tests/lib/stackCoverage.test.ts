import { expect } from "chai";
import { matchesEventPattern } from "../../lib/eventbridge/matcher";
import { guardDutyFindingPattern } from "../../lib/findingPatterns";
import {
  coverageFromAggregator,
  criticalGuardDutyFindingEvent,
  isGlobalResourceType,
} from "../../lib/stackCoverage";

describe("stack coverage", () => {
  it("takes the aggregator's region as home and its linked regions as the others", () => {
    const coverage = coverageFromAggregator({
      region: "eu-west-1",
      linkingMode: "SPECIFIED_REGIONS",
      specifiedRegions: ["us-east-1", "eu-west-1"],
    });
    expect(coverage).to.deep.equal({
      homeRegion: "eu-west-1",
      regions: ["eu-west-1", "us-east-1"],
    });
  });

  it("covers only the home region when the aggregator links none", () => {
    const coverage = coverageFromAggregator({ region: "us-east-2", linkingMode: "NO_REGIONS" });
    expect(coverage?.regions).to.deep.equal(["us-east-2"]);
  });

  it("cannot tell the regions of an aggregator that links all of them", () => {
    expect(coverageFromAggregator({ region: "us-east-1", linkingMode: "ALL_REGIONS" })).to.equal(
      undefined,
    );
  });

  it("knows IAM and Organizations resources are global, and SQS queues are not", () => {
    expect(isGlobalResourceType("aws:iam/role:Role")).to.equal(true);
    expect(
      isGlobalResourceType("aws:organizations/delegatedAdministrator:DelegatedAdministrator"),
    ).to.equal(true);
    expect(isGlobalResourceType("aws:sqs/queue:Queue")).to.equal(false);
  });

  it("builds a critical finding that the program's rule at every threshold delivers", () => {
    const event = criticalGuardDutyFindingEvent("eu-west-1", "123456789012");
    for (const threshold of ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const) {
      expect(
        matchesEventPattern(guardDutyFindingPattern(threshold) as never, event),
        threshold,
      ).to.equal(true);
    }
  });
});
