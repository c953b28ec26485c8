import { expect } from "chai";
import { validateEventPattern } from "../../lib/eventbridge/matcher";
import {
  guardDutyFindingPattern,
  hasOnlyNumericGuardDutySeverity,
  inspectorFindingPattern,
  securityHubFindingPattern,
} from "../../lib/findingPatterns";
import { SEVERITY_LABELS, SeverityLabel } from "../../lib/severity";
import { delivers, eventWith, loadEvent } from "../helpers/events";

const withGuardDutySeverity = (severity: number) =>
  eventWith("guardduty-crypto-high", (e) => {
    e.detail.severity = severity;
  });

describe("finding patterns", () => {
  it("are patterns EventBridge accepts, at every threshold", () => {
    for (const threshold of SEVERITY_LABELS) {
      for (const pattern of [
        guardDutyFindingPattern(threshold),
        inspectorFindingPattern(threshold),
        securityHubFindingPattern(threshold),
      ]) {
        expect(validateEventPattern(JSON.stringify(pattern)), threshold).to.deep.equal([]);
      }
    }
  });

  describe("GuardDuty", () => {
    const reaches = (threshold: SeverityLabel, severity: number) =>
      delivers(guardDutyFindingPattern(threshold), withGuardDutySeverity(severity));

    it("delivers the crypto-mining finding (severity 8) at HIGH", () => {
      expect(
        delivers(guardDutyFindingPattern("HIGH"), loadEvent("guardduty-crypto-high")),
      ).to.equal(true);
    });

    it("does not deliver the port probe (severity 2) at HIGH, but does at LOW", () => {
      const probe = loadEvent("guardduty-portprobe-low");
      expect(delivers(guardDutyFindingPattern("HIGH"), probe)).to.equal(false);
      expect(delivers(guardDutyFindingPattern("MEDIUM"), probe)).to.equal(false);
      expect(delivers(guardDutyFindingPattern("LOW"), probe)).to.equal(true);
    });

    it("delivers a CRITICAL finding of severity 9.5 at HIGH and at CRITICAL", () => {
      expect(reaches("HIGH", 9.5)).to.equal(true);
      expect(reaches("CRITICAL", 9.5)).to.equal(true);
    });

    it("does not deliver the crypto-mining finding (severity 8) at CRITICAL", () => {
      expect(reaches("CRITICAL", 8)).to.equal(false);
    });

    it("puts fractional severities in their band: 6.9 is below HIGH, 7.0 and 8.9 are in it", () => {
      expect(reaches("HIGH", 6.9)).to.equal(false);
      expect(reaches("HIGH", 7)).to.equal(true);
      expect(reaches("HIGH", 8.9)).to.equal(true);
      expect(reaches("MEDIUM", 6.9)).to.equal(true);
      expect(reaches("CRITICAL", 10)).to.equal(true);
    });

    it("ignores findings of other services", () => {
      expect(
        delivers(guardDutyFindingPattern("LOW"), loadEvent("inspector2-critical-active")),
      ).to.equal(false);
    });
  });

  describe("Inspector", () => {
    const critical = loadEvent("inspector2-critical-active");

    it("delivers the critical active finding at every threshold", () => {
      for (const threshold of SEVERITY_LABELS) {
        expect(delivers(inspectorFindingPattern(threshold), critical), threshold).to.equal(true);
      }
    });

    it("does not deliver the same finding once suppressed or closed", () => {
      for (const status of ["SUPPRESSED", "CLOSED"]) {
        const event = eventWith("inspector2-critical-active", (e) => {
          e.detail.status = status;
        });
        expect(delivers(inspectorFindingPattern("HIGH"), event), status).to.equal(false);
      }
    });

    it("does not deliver a MEDIUM finding at HIGH, nor an UNTRIAGED one", () => {
      for (const severity of ["MEDIUM", "UNTRIAGED", "INFORMATIONAL"]) {
        const event = eventWith("inspector2-critical-active", (e) => {
          e.detail.severity = severity;
        });
        expect(delivers(inspectorFindingPattern("HIGH"), event), severity).to.equal(false);
      }
    });
  });

  describe("Security Hub", () => {
    const control = loadEvent("securityhub-control-high-new");
    const changed = (change: (finding: Record<string, any>) => void) =>
      eventWith("securityhub-control-high-new", (e) => change(e.detail.findings[0]));

    it("delivers a new, active HIGH control finding at HIGH but not at CRITICAL", () => {
      expect(delivers(securityHubFindingPattern("HIGH"), control)).to.equal(true);
      expect(delivers(securityHubFindingPattern("CRITICAL"), control)).to.equal(false);
    });

    it("does not deliver the finding again once its workflow is NOTIFIED", () => {
      const notified = changed((f) => {
        f.Workflow.Status = "NOTIFIED";
      });
      expect(delivers(securityHubFindingPattern("HIGH"), notified)).to.equal(false);
    });

    it("does not deliver an archived finding", () => {
      const archived = changed((f) => {
        f.RecordState = "ARCHIVED";
      });
      expect(delivers(securityHubFindingPattern("HIGH"), archived)).to.equal(false);
    });

    it("does not deliver the copies of GuardDuty and Inspector findings, which have their own rules", () => {
      for (const product of ["GuardDuty", "Inspector"]) {
        const copy = changed((f) => {
          f.ProductName = product;
        });
        expect(delivers(securityHubFindingPattern("LOW"), copy), product).to.equal(false);
      }
    });
  });

  describe("activity events", () => {
    it("are not findings, so no finding pattern delivers them", () => {
      for (const name of ["cloudtrail-runinstances", "signin-root-console-login"] as const) {
        const event = loadEvent(name);
        for (const pattern of [
          guardDutyFindingPattern("LOW"),
          inspectorFindingPattern("LOW"),
          securityHubFindingPattern("LOW"),
        ]) {
          expect(delivers(pattern, event), name).to.equal(false);
        }
      }
    });
  });
});

describe("hasOnlyNumericGuardDutySeverity", () => {
  const guardDuty = (severity: unknown[]) => ({
    source: ["aws.guardduty"],
    "detail-type": ["GuardDuty Finding"],
    detail: { severity },
  });

  it("accepts the program's GuardDuty patterns", () => {
    for (const threshold of SEVERITY_LABELS) {
      expect(
        hasOnlyNumericGuardDutySeverity(guardDutyFindingPattern(threshold)),
        threshold,
      ).to.equal(true);
    }
  });

  it("rejects a list of exact numbers, which misses fractional severities", () => {
    const exact = guardDuty([7, 8]);
    expect(hasOnlyNumericGuardDutySeverity(exact)).to.equal(false);
    expect(delivers(exact, withGuardDutySeverity(8.5))).to.equal(false);
  });

  it("rejects severity labels, which GuardDuty never sends", () => {
    expect(hasOnlyNumericGuardDutySeverity(guardDuty(["HIGH", "CRITICAL"]))).to.equal(false);
    expect(delivers(guardDuty(["HIGH"]), loadEvent("guardduty-crypto-high"))).to.equal(false);
  });

  it("rejects a list that mixes a numeric filter with an exact value", () => {
    expect(hasOnlyNumericGuardDutySeverity(guardDuty([{ numeric: [">=", 7] }, 8]))).to.equal(false);
  });

  it("looks inside $or branches of the detail", () => {
    const pattern = (severity: unknown[]) => ({
      source: ["aws.guardduty"],
      detail: { $or: [{ severity }, { type: [{ prefix: "CryptoCurrency:" }] }] },
    });
    expect(hasOnlyNumericGuardDutySeverity(pattern([7, 8]))).to.equal(false);
    expect(hasOnlyNumericGuardDutySeverity(pattern([{ numeric: [">=", 7] }]))).to.equal(true);
  });

  it("rejects an empty severity list", () => {
    expect(hasOnlyNumericGuardDutySeverity(guardDuty([]))).to.equal(false);
  });

  it("has nothing to say about patterns without a GuardDuty severity filter", () => {
    expect(hasOnlyNumericGuardDutySeverity({ source: ["aws.guardduty"] })).to.equal(true);
    expect(hasOnlyNumericGuardDutySeverity(inspectorFindingPattern("HIGH"))).to.equal(true);
  });
});
