import { expect } from "chai";
import { AlertRuleSpec, findingAlertRules, regionsForRule } from "../../lib/alertRules";
import { SEVERITY_LABELS, SeverityLabel } from "../../lib/severity";
import {
  FIXTURE_EVENTS,
  FixtureEvent,
  SampleEvent,
  delivers,
  eventWith,
  loadEvent,
} from "../helpers/events";

/** The ids of the rules that deliver an event at a threshold. */
function reachedBy(event: SampleEvent, threshold: SeverityLabel): string[] {
  return findingAlertRules(threshold)
    .filter((spec) => delivers(spec.pattern, event))
    .map((spec) => spec.id);
}

/**
 * Expected outcome of each fixture at each threshold (tests/fixtures/events/README.md): the rule
 * that delivers it, or none. Activity events belong to the activity alerts, not to these rules.
 */
const EXPECTED: Record<FixtureEvent, Record<SeverityLabel, string[]>> = {
  "guardduty-crypto-high": {
    LOW: ["guardduty-findings"],
    MEDIUM: ["guardduty-findings"],
    HIGH: ["guardduty-findings"],
    CRITICAL: [],
  },
  "guardduty-portprobe-low": { LOW: ["guardduty-findings"], MEDIUM: [], HIGH: [], CRITICAL: [] },
  "securityhub-control-high-new": {
    LOW: ["securityhub-findings"],
    MEDIUM: ["securityhub-findings"],
    HIGH: ["securityhub-findings"],
    CRITICAL: [],
  },
  "inspector2-critical-active": {
    LOW: ["inspector-findings"],
    MEDIUM: ["inspector-findings"],
    HIGH: ["inspector-findings"],
    CRITICAL: ["inspector-findings"],
  },
  "cloudtrail-runinstances": { LOW: [], MEDIUM: [], HIGH: [], CRITICAL: [] },
  "signin-root-console-login": { LOW: [], MEDIUM: [], HIGH: [], CRITICAL: [] },
};

describe("findingAlertRules", () => {
  for (const name of FIXTURE_EVENTS) {
    it(`sends ${name} through the rules expected at each threshold`, () => {
      const event = loadEvent(name);
      for (const threshold of SEVERITY_LABELS) {
        expect(reachedBy(event, threshold), threshold).to.deep.equal(EXPECTED[name][threshold]);
      }
    });
  }

  it("sends a CRITICAL GuardDuty finding (9.5) through the GuardDuty rule at HIGH and at CRITICAL", () => {
    const critical = eventWith("guardduty-crypto-high", (e) => {
      e.detail.severity = 9.5;
    });
    expect(reachedBy(critical, "HIGH")).to.deep.equal(["guardduty-findings"]);
    expect(reachedBy(critical, "CRITICAL")).to.deep.equal(["guardduty-findings"]);
  });

  it("delivers a finding through one rule at most, so nobody gets it twice", () => {
    for (const name of FIXTURE_EVENTS) {
      for (const threshold of SEVERITY_LABELS) {
        expect(
          reachedBy(loadEvent(name), threshold).length,
          `${name} at ${threshold}`,
        ).to.be.at.most(1);
      }
    }
  });

  it("gives each rule a short, stable kebab-case id", () => {
    const ids = findingAlertRules("HIGH").map((spec) => spec.id);
    expect(ids).to.deep.equal(["guardduty-findings", "inspector-findings", "securityhub-findings"]);
    for (const id of ids) expect(id).to.match(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("states the threshold in each rule's description", () => {
    for (const spec of findingAlertRules("CRITICAL"))
      expect(spec.description).to.include("CRITICAL");
  });

  it("watches GuardDuty and Inspector in every region and Security Hub, which aggregates, at home", () => {
    const scopes = Object.fromEntries(
      findingAlertRules("HIGH").map((s: AlertRuleSpec) => [s.id, s.scope]),
    );
    expect(scopes).to.deep.equal({
      "guardduty-findings": "every-region",
      "inspector-findings": "every-region",
      "securityhub-findings": "home-region",
    });
  });
});

describe("regionsForRule", () => {
  const covered = ["eu-west-1", "ap-southeast-1", "us-east-1"];

  it("puts an every-region rule in each covered region", () => {
    expect(regionsForRule("every-region", covered, "eu-west-1", "us-east-1")).to.deep.equal(
      covered,
    );
  });

  it("puts a home-region rule in the home region only", () => {
    expect(regionsForRule("home-region", covered, "eu-west-1", "us-east-1")).to.deep.equal([
      "eu-west-1",
    ]);
  });

  it("puts a global-events rule in us-east-1 and at home, which receives what us-east-1 forwards", () => {
    expect(regionsForRule("global-events-region", covered, "eu-west-1", "us-east-1")).to.deep.equal(
      ["eu-west-1", "us-east-1"],
    );
    expect(regionsForRule("global-events-region", covered, "us-east-1", "us-east-1")).to.deep.equal(
      ["us-east-1"],
    );
  });
});
