import { expect } from "chai";
import { matchesEventPattern } from "../../lib/eventbridge/matcher";
import { guardDutyFindingPattern } from "../../lib/findingPatterns";
import {
  CRITICAL_GUARDDUTY_SEVERITIES,
  coverageFromAggregator,
  criticalGuardDutyFindingEvent,
  describeSeverities,
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

  it("spans the CRITICAL band from 9.0 to 10.0 in exact tenths", () => {
    expect(CRITICAL_GUARDDUTY_SEVERITIES).to.have.length(11);
    expect(CRITICAL_GUARDDUTY_SEVERITIES[0]).to.equal(9);
    expect(CRITICAL_GUARDDUTY_SEVERITIES[4]).to.equal(9.4);
    expect(CRITICAL_GUARDDUTY_SEVERITIES[10]).to.equal(10);
  });

  it("builds critical findings that the program's rule delivers at every severity of the band", () => {
    for (const severity of CRITICAL_GUARDDUTY_SEVERITIES) {
      const event = criticalGuardDutyFindingEvent("eu-west-1", "123456789012", severity);
      expect(matchesEventPattern(guardDutyFindingPattern("HIGH") as never, event), `${severity}`).to
        .be.true;
    }
  });

  it("shows dropped severities as short ranges", () => {
    expect(describeSeverities([9, 9.1, 9.2, 9.3, 9.4])).to.equal("9.0-9.4");
    expect(describeSeverities([9, 9.2, 9.3, 10])).to.equal("9.0, 9.2-9.3, 10.0");
    expect(describeSeverities([])).to.equal("");
  });
});
