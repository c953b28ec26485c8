import { expect } from "chai";
import { ConfigError, ThreatDetectionConfig, parseConfig } from "../../lib/config";
import { toEngineConfig } from "../helpers/program";

/** Config written as a plain object, passed the way the engine passes it (JSON strings). */
function parse(config: Record<string, unknown>): ThreatDetectionConfig {
  return parseConfig(toEngineConfig(config));
}

function problemsOf(config: Record<string, unknown>): readonly string[] {
  try {
    parse(config);
  } catch (err) {
    expect(err).to.be.instanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error("expected the config to be rejected");
}

describe("parseConfig", () => {
  describe("defaults", () => {
    const config = parse({ "aws:region": "eu-west-1" });

    it("takes the home region from aws:region", () => {
      expect(config.homeRegion).to.equal("eu-west-1");
    });

    it("covers every enabled region and excludes none", () => {
      expect(config.regions).to.equal(undefined);
      expect(config.excludeRegions).to.deep.equal([]);
    });

    it("alerts on HIGH and above, with no email until one is configured", () => {
      expect(config.alerts).to.deep.equal({ emails: [], minSeverity: "HIGH" });
    });

    it("enables the FSBP and CIS 3.0 standards", () => {
      expect(config.securityHub.standards).to.deep.equal(["fsbp", "cis-3.0"]);
    });

    it("scans EC2, ECR, Lambda functions and Lambda code", () => {
      expect(config.inspector.resourceTypes).to.deep.equal(["EC2", "ECR", "LAMBDA", "LAMBDA_CODE"]);
    });

    it("turns every GuardDuty plan on, with the current runtime feature rather than the EKS-only one", () => {
      expect(config.guardDuty).to.deep.equal({
        findingPublishingFrequency: "FIFTEEN_MINUTES",
        s3DataEvents: true,
        eksAuditLogs: true,
        ebsMalwareProtection: true,
        rdsLoginEvents: true,
        lambdaNetworkLogs: true,
        runtimeMonitoring: true,
        eksRuntimeMonitoring: false,
        eksAddonManagement: true,
        ecsFargateAgentManagement: true,
        ec2AgentManagement: true,
      });
    });

    it("keeps detectors and hubs on destroy", () => {
      expect(config.retainOnDelete).to.equal(true);
    });

    it("is single-account unless an organization block is given", () => {
      expect(config.organization).to.equal(undefined);
    });
  });

  describe("values given in the stack", () => {
    it("prefers homeRegion over aws:region", () => {
      expect(parse({ "aws:region": "us-east-1", homeRegion: "eu-central-1" }).homeRegion).to.equal(
        "eu-central-1",
      );
    });

    it("reads structured values given as JSON strings, as the engine passes them", () => {
      const config = parseConfig({
        "aws:region": "us-east-1",
        "aws-threat-detection:regions": '["us-east-1", "eu-west-1"]',
        "aws-threat-detection:alerts": '{"emails":["soc@example.com"],"minSeverity":"CRITICAL"}',
        "aws-threat-detection:guardDuty":
          '{"s3DataEvents":false,"findingPublishingFrequency":"ONE_HOUR"}',
        "aws-threat-detection:retainOnDelete": "false",
      });
      expect(config.regions).to.deep.equal(["us-east-1", "eu-west-1"]);
      expect(config.alerts).to.deep.equal({ emails: ["soc@example.com"], minSeverity: "CRITICAL" });
      expect(config.guardDuty.s3DataEvents).to.equal(false);
      expect(config.guardDuty.eksAuditLogs).to.equal(true);
      expect(config.guardDuty.findingPublishingFrequency).to.equal("ONE_HOUR");
      expect(config.retainOnDelete).to.equal(false);
    });

    it("ignores keys of other namespaces such as aws:profile", () => {
      expect(parse({ "aws:region": "us-east-1", "aws:profile": "prod" }).homeRegion).to.equal(
        "us-east-1",
      );
    });
  });

  describe("bad config", () => {
    const badStack = {
      "aws:region": "eu-west-1",
      alertz: { emails: ["security@example.com"] },
      regions: ["eu-west-1", "us-east-1", "mars-north-1"],
      excludeRegions: ["eu-west-1"],
      alerts: {
        emails: ["security@example.com", "security at example.com"],
        minSeverity: "SEVERE",
        chat: "x",
      },
      securityHub: { standards: ["fsbp", "iso-27001"] },
      guardDuty: { runtimeMonitoring: true, eksRuntimeMonitoring: true },
      inspector: { resourceTypes: ["EC2", "LAMBDA_CODE"] },
    };

    it("names every problem of a stack at once, each with its key", () => {
      const problems = problemsOf(badStack);
      const expected: [string, string][] = [
        ["aws-threat-detection:alertz", "unknown key"],
        ["aws-threat-detection:alerts.chat", "unknown key"],
        ["aws-threat-detection:regions[2]", "unknown AWS region"],
        ["aws-threat-detection:excludeRegions", "excludes the home region eu-west-1"],
        ["aws-threat-detection:securityHub.standards[1]", "expected one of"],
        [
          "aws-threat-detection:guardDuty.eksRuntimeMonitoring",
          "cannot be on together with runtimeMonitoring",
        ],
        ["aws-threat-detection:alerts.emails[1]", "not a valid email address"],
        ["aws-threat-detection:alerts.minSeverity", "expected one of LOW, MEDIUM, HIGH, CRITICAL"],
        ["aws-threat-detection:inspector.resourceTypes", "LAMBDA_CODE needs LAMBDA"],
      ];
      for (const [key, message] of expected) {
        expect(
          problems.some((p) => p.startsWith(`${key}: `) && p.includes(message)),
          `${key}: ${message}`,
        ).to.equal(true);
      }
      expect(problems).to.have.length(expected.length);
    });

    it("puts every problem in the error message, one per line", () => {
      expect(() => parse(badStack))
        .to.throw(ConfigError, /^Invalid stack config \(9 problems\):/)
        .with.property("message")
        .that.includes("  - aws-threat-detection:alerts.emails[1]: not a valid email address")
        .and.includes("  - aws-threat-detection:regions[2]: unknown AWS region");
    });

    it("names the offending value of a list item", () => {
      expect(
        problemsOf({ "aws:region": "us-east-1", excludeRegions: ["eu-west-9"] }),
      ).to.deep.equal(['aws-threat-detection:excludeRegions[0]: unknown AWS region ("eu-west-9")']);
    });

    it("rejects a stack without a home region", () => {
      expect(problemsOf({})).to.deep.equal([
        "aws-threat-detection:homeRegion: not set; set it, or set aws:region, to the region for alerts",
      ]);
    });

    it("rejects an aws:region that is no AWS region when it serves as the home region", () => {
      expect(problemsOf({ "aws:region": "us-east-7" })).to.deep.equal([
        "aws:region: unknown AWS region; set aws-threat-detection:homeRegion or fix aws:region",
      ]);
    });

    it("rejects a regions list that leaves out the home region", () => {
      expect(problemsOf({ "aws:region": "eu-west-1", regions: ["us-east-1"] })).to.deep.equal([
        "aws-threat-detection:regions: must include the home region eu-west-1",
      ]);
    });

    it("rejects a structured value that is not valid JSON", () => {
      const problems = problemsOf({ "aws:region": "us-east-1", alerts: '{"emails": [}' });
      expect(problems).to.have.length(1);
      expect(problems[0]).to.match(/^aws-threat-detection:alerts: expected an object/);
    });

    it("rejects a boolean written as anything but true or false", () => {
      expect(problemsOf({ "aws:region": "us-east-1", retainOnDelete: "yes" })).to.deep.equal([
        'aws-threat-detection:retainOnDelete: expected true or false, got "yes"',
      ]);
    });

    it("rejects a duplicated standard", () => {
      expect(
        problemsOf({ "aws:region": "us-east-1", securityHub: { standards: ["fsbp", "fsbp"] } }),
      ).to.deep.equal(["aws-threat-detection:securityHub.standards[1]: duplicate fsbp"]);
    });

    it("rejects an empty list of Inspector resource types", () => {
      expect(
        problemsOf({ "aws:region": "us-east-1", inspector: { resourceTypes: [] } }),
      ).to.deep.equal([
        "aws-threat-detection:inspector.resourceTypes: is empty; Inspector needs at least one type",
      ]);
    });
  });

  describe("mistakes people make in stack files", () => {
    it("asks to quote an account id that YAML read as a number, once", () => {
      const problems = problemsOf({
        "aws:region": "us-east-1",
        organization: { managementAccountId: 111111111111, securityAccountId: "222222222222" },
      });
      expect(problems).to.deep.equal([
        "aws-threat-detection:organization.managementAccountId: is a number; " +
          'quote it in the stack file, e.g. "111111111111"',
      ]);
    });

    it("gives back the leading zero YAML dropped, without a second problem for the role", () => {
      const problems = problemsOf({
        "aws:region": "us-east-1",
        organization: {
          managementAccountId: "111111111111",
          securityAccountId: 12345678901,
          securityRoleArn: "arn:aws:iam::012345678901:role/Deployer",
        },
      });
      expect(problems).to.deep.equal([
        "aws-threat-detection:organization.securityAccountId: is a number and YAML dropped its " +
          'leading zeros; quote it in the stack file, e.g. "012345678901"',
      ]);
    });
    it("explains that a dotted top-level key needs pulumi config set --path", () => {
      expect(problemsOf({ "aws:region": "us-east-1", "alerts.minSeverity": "LOW" })).to.deep.equal([
        "aws-threat-detection:alerts.minSeverity: unknown key: a nested value needs --path, as " +
          "in pulumi config set --path 'aws-threat-detection:alerts.minSeverity' VALUE",
      ]);
    });

    it("reports a region list written as a single string once", () => {
      expect(problemsOf({ "aws:region": "us-east-1", regions: "us-east-1" })).to.deep.equal([
        'aws-threat-detection:regions: expected a list, got "us-east-1"',
      ]);
    });

    it("rejects a region that is both listed and excluded", () => {
      expect(
        problemsOf({
          "aws:region": "us-east-1",
          regions: ["us-east-1", "eu-west-1"],
          excludeRegions: ["eu-west-1"],
        }),
      ).to.deep.equal([
        "aws-threat-detection:excludeRegions: eu-west-1 also listed in " +
          "aws-threat-detection:regions; keep each in one list",
      ]);
    });

    it("reports an empty home region once", () => {
      expect(problemsOf({ homeRegion: "" })).to.deep.equal([
        'aws-threat-detection:homeRegion: expected a non-empty string, got ""',
      ]);
    });
  });
});
