import { expect } from "chai";
import { readFileSync } from "fs";
import { join } from "path";
import {
  EventPattern,
  matchesEventPattern,
  validateEventPattern,
} from "../../../lib/eventbridge/matcher";

function fixture(name: string): unknown {
  const file = join(__dirname, "..", "..", "fixtures", "events", `${name}.json`);
  return JSON.parse(readFileSync(file, "utf8"));
}

const ec2StateChange = {
  version: "0",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  time: "2017-10-02T18:43:48Z",
  region: "us-west-1",
  resources: ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
  detail: { "instance-id": "i-1234567890abcdef0", state: "terminated" },
};

// Short names keep each expectation on one line.
const matches = matchesEventPattern;

function eventWith(detail: Record<string, unknown>): Record<string, unknown> {
  return { ...ec2StateChange, detail };
}

describe("matchesEventPattern", () => {
  describe("fields and values", () => {
    it("matches when every field in the pattern matches", () => {
      const pattern = { source: ["aws.ec2"], detail: { state: ["terminated"] } };
      expect(matches(pattern, ec2StateChange)).to.equal(true);
    });

    it("does not match when one of the fields differs", () => {
      const pattern = { source: ["aws.ec2"], detail: { state: ["running"] } };
      expect(matches(pattern, ec2StateChange)).to.equal(false);
    });

    it("matches when any one of the listed values equals the event value", () => {
      const pattern = { source: ["aws.fargate", "aws.ec2"] };
      expect(matches(pattern, ec2StateChange)).to.equal(true);
    });

    it("ignores event fields the pattern does not mention", () => {
      expect(matches({ region: ["us-west-1"] }, ec2StateChange)).to.equal(true);
    });

    it("does not match when a field named in the pattern is missing from the event", () => {
      expect(matches({ detail: { cause: ["x"] } }, ec2StateChange)).to.equal(false);
    });

    it("compares strings case-sensitively", () => {
      expect(matches({ source: ["AWS.EC2"] }, ec2StateChange)).to.equal(false);
    });

    it("accepts the pattern as JSON text", () => {
      expect(matches('{"source":["aws.ec2"]}', ec2StateChange)).to.equal(true);
    });

    it("matches nested objects only along the same path", () => {
      const event = eventWith({ bucket: { name: "logs" }, name: "other" });
      expect(matches({ detail: { bucket: { name: ["logs"] } } }, event)).to.equal(true);
      expect(matches({ detail: { name: ["logs"] } }, event)).to.equal(false);
    });

    it("matches true, false and null as JSON literals, not as strings", () => {
      const event = eventWith({ readOnly: false, error: null });
      expect(matches({ detail: { readOnly: [false] } }, event)).to.equal(true);
      expect(matches({ detail: { readOnly: ["false"] } }, event)).to.equal(false);
      expect(matches({ detail: { error: [null] } }, event)).to.equal(true);
      expect(matches({ detail: { error: ["null"] } }, event)).to.equal(false);
    });

    it("does not treat an empty string and null as interchangeable", () => {
      const event = eventWith({ eventVersion: "", responseElements: null });
      expect(matches({ detail: { eventVersion: [""] } }, event)).to.equal(true);
      expect(matches({ detail: { eventVersion: [null] } }, event)).to.equal(false);
      expect(matches({ detail: { responseElements: [""] } }, event)).to.equal(false);
    });

    it("matches numbers by value, so 3.018e2 equals 301.8", () => {
      const event = eventWith({ "x-limit": 301.8 });
      expect(matches({ detail: { "x-limit": [3.018e2] } }, event)).to.equal(true);
    });

    it('never matches the number 8 with the string "8"', () => {
      expect(matches({ detail: { n: ["8"] } }, eventWith({ n: 8 }))).to.equal(false);
      expect(matches({ detail: { n: [8] } }, eventWith({ n: "8" }))).to.equal(false);
    });
  });

  describe("arrays in events", () => {
    it("matches an event array when it shares at least one value with the pattern", () => {
      const pattern = {
        resources: [
          "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f",
          "arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0",
        ],
      };
      expect(matches(pattern, ec2StateChange)).to.equal(true);
    });

    it("does not match an event array that shares no value with the pattern", () => {
      const otherInstance = "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f";
      const pattern = { resources: [otherInstance] };
      expect(matches(pattern, ec2StateChange)).to.equal(false);
    });

    it("matches a pattern on a field inside an array of objects against every element", () => {
      const event = eventWith({ items: [{ kind: "a" }, { kind: "b" }] });
      expect(matches({ detail: { items: { kind: ["b"] } } }, event)).to.equal(true);
      expect(matches({ detail: { items: { kind: ["c"] } } }, event)).to.equal(false);
    });

    it("does not combine fields from different elements of the same array", () => {
      const event = eventWith({
        employees: [
          { firstName: "Anna", lastName: "Smith" },
          { firstName: "Peter", lastName: "Jones" },
        ],
      });
      const employee = (last: string) => ({ firstName: ["Anna"], lastName: [last] });
      const sameElement = { detail: { employees: employee("Smith") } };
      const mixed = { detail: { employees: employee("Jones") } };
      expect(matches(sameElement, event)).to.equal(true);
      expect(matches(mixed, event)).to.equal(false);
    });

    it("reaches objects inside nested arrays", () => {
      const event = eventWith({ groups: [[{ name: "x" }], [{ name: "y" }]] });
      expect(matches({ detail: { groups: { name: ["y"] } } }, event)).to.equal(true);
    });
  });

  describe("prefix and suffix", () => {
    it("matches a string that starts with the prefix", () => {
      const prefix = (text: string) => ({ time: [{ prefix: text }] });
      expect(matches(prefix("2017-10-02"), ec2StateChange)).to.equal(true);
      expect(matches(prefix("2017-10-03"), ec2StateChange)).to.equal(false);
    });

    it("applies prefix only to strings, not to numbers", () => {
      const event = eventWith({ code: 2017 });
      expect(matches({ detail: { code: [{ prefix: "20" }] } }, event)).to.equal(false);
    });

    it("matches a prefix regardless of case with equals-ignore-case inside prefix", () => {
      const event = eventWith({ service: "EventBridge" });
      const ignoringCase = { prefix: { "equals-ignore-case": "EVENTb" } };
      const pattern = { detail: { service: [ignoringCase] } };
      expect(matches(pattern, event)).to.equal(true);
    });

    it("matches a string that ends with the suffix", () => {
      const event = eventWith({ FileName: "photo.png" });
      const suffix = (text: string) => ({ detail: { FileName: [{ suffix: text }] } });
      expect(matches(suffix(".png"), event)).to.equal(true);
      expect(matches(suffix(".PNG"), event)).to.equal(false);
    });

    it("matches a suffix regardless of case with equals-ignore-case inside suffix", () => {
      const event = eventWith({ service: "EventBridge" });
      const ignoringCase = { suffix: { "equals-ignore-case": "tBRIDGE" } };
      const pattern = { detail: { service: [ignoringCase] } };
      expect(matches(pattern, event)).to.equal(true);
    });
  });

  describe("equals-ignore-case", () => {
    it("matches a string equal to the value in any casing", () => {
      const event = eventWith({ name: "Alice" });
      expect(matches({ detail: { name: [{ "equals-ignore-case": "aLiCe" }] } }, event)).to.equal(
        true,
      );
      expect(matches({ detail: { name: [{ "equals-ignore-case": "alic" }] } }, event)).to.equal(
        false,
      );
    });
  });

  describe("wildcard", () => {
    const fileEvent = eventWith({ path: "dir/sub/image.png" });

    function wildcardMatches(glob: string, value: string): boolean {
      const pattern = { detail: { path: [{ wildcard: glob }] } };
      return matches(pattern, eventWith({ path: value }));
    }

    it("matches any run of characters, including none, for each asterisk", () => {
      expect(matches({ detail: { path: [{ wildcard: "dir/*.png" }] } }, fileEvent)).to.equal(true);
      expect(wildcardMatches("a*b", "ab")).to.equal(true);
      expect(wildcardMatches("*Title*", "My Title Here")).to.equal(true);
    });

    it("anchors the wildcard at both ends of the value", () => {
      expect(wildcardMatches("dir/*.png", "dir/image.png.bak")).to.equal(false);
      expect(wildcardMatches("dir/*", "root/dir/x")).to.equal(false);
    });

    it("does not let two asterisk segments overlap in the value", () => {
      expect(wildcardMatches("ab*ba", "aba")).to.equal(false);
      expect(wildcardMatches("ab*ba", "abba")).to.equal(true);
    });

    it("matches a literal asterisk when it is escaped with a backslash", () => {
      expect(wildcardMatches("a\\*c", "a*c")).to.equal(true);
      expect(wildcardMatches("a\\*c", "abc")).to.equal(false);
    });

    it("matches a literal backslash written as two backslashes", () => {
      expect(wildcardMatches("C:\\\\*", "C:\\temp")).to.equal(true);
    });

    it("treats a wildcard without asterisks as an exact match", () => {
      expect(wildcardMatches("dir", "dir")).to.equal(true);
      expect(wildcardMatches("dir", "dirs")).to.equal(false);
    });
  });

  describe("anything-but", () => {
    it("matches any string except the one given", () => {
      const pattern = { detail: { state: [{ "anything-but": "initializing" }] } };
      expect(matches(pattern, eventWith({ state: "running" }))).to.equal(true);
      expect(matches(pattern, eventWith({ state: "initializing" }))).to.equal(false);
    });

    it("matches any number except the one given", () => {
      const pattern = { detail: { "x-limit": [{ "anything-but": 123 }] } };
      expect(matches(pattern, eventWith({ "x-limit": 124 }))).to.equal(true);
      expect(matches(pattern, eventWith({ "x-limit": 123 }))).to.equal(false);
    });

    it("matches any value outside a list of strings", () => {
      const excluded = ["stopped", "overloaded"];
      const pattern = { detail: { state: [{ "anything-but": excluded }] } };
      expect(matches(pattern, eventWith({ state: "running" }))).to.equal(true);
      expect(matches(pattern, eventWith({ state: "overloaded" }))).to.equal(false);
    });

    it("matches any value outside a list of numbers", () => {
      const pattern = { detail: { "x-limit": [{ "anything-but": [100, 200, 300] }] } };
      expect(matches(pattern, eventWith({ "x-limit": 150 }))).to.equal(true);
      expect(matches(pattern, eventWith({ "x-limit": 200 }))).to.equal(false);
    });

    it("matches a value that does not start with the excluded prefix", () => {
      const pattern = { detail: { state: [{ "anything-but": { prefix: "init" } }] } };
      expect(matches(pattern, eventWith({ state: "running" }))).to.equal(true);
      expect(matches(pattern, eventWith({ state: "initializing" }))).to.equal(false);
    });

    it("matches a value that does not end with the excluded suffix", () => {
      const notPng = { "anything-but": { suffix: ".png" } };
      const pattern = { detail: { FileName: [notPng] } };
      expect(matches(pattern, eventWith({ FileName: "a.jpg" }))).to.equal(true);
      expect(matches(pattern, eventWith({ FileName: "a.png" }))).to.equal(false);
    });

    it("excludes every casing of a value with equals-ignore-case", () => {
      const notInitializing = { "anything-but": { "equals-ignore-case": "initializing" } };
      const pattern = { detail: { state: [notInitializing] } };
      expect(matches(pattern, eventWith({ state: "INITIALIZING" }))).to.equal(false);
      expect(matches(pattern, eventWith({ state: "running" }))).to.equal(true);
    });

    it("excludes values matching a wildcard", () => {
      const outsideLib = { "anything-but": { wildcard: "*/lib/*" } };
      const pattern = { detail: { FilePath: [outsideLib] } };
      expect(matches(pattern, eventWith({ FilePath: "src/lib/a.ts" }))).to.equal(false);
      expect(matches(pattern, eventWith({ FilePath: "src/bin/a.ts" }))).to.equal(true);
    });

    it("does not match an event that lacks the field", () => {
      const pattern = { detail: { state: [{ "anything-but": "initializing" }] } };
      expect(matches(pattern, eventWith({ other: "x" }))).to.equal(false);
    });

    it("matches an event array that holds at least one value outside the list", () => {
      const pattern = { detail: { price: [{ "anything-but": [100, 500] }] } };
      expect(matches(pattern, eventWith({ price: [100, 50] }))).to.equal(true);
      expect(matches(pattern, eventWith({ price: [100, 500] }))).to.equal(false);
    });
  });

  describe("numeric", () => {
    function severityMatches(condition: unknown[], severity: unknown): boolean {
      const numeric = { numeric: condition };
      const pattern = { detail: { severity: [numeric] } } as EventPattern;
      return matches(pattern, eventWith({ severity: severity }));
    }

    it("matches greater-than, excluding the bound", () => {
      expect(severityMatches([">", 7], 7.1)).to.equal(true);
      expect(severityMatches([">", 7], 7)).to.equal(false);
    });

    it("matches greater-than-or-equal, including the bound", () => {
      expect(severityMatches([">=", 7], 7)).to.equal(true);
      expect(severityMatches([">=", 7], 6.9)).to.equal(false);
    });

    it("matches less-than and less-than-or-equal at their bounds", () => {
      expect(severityMatches(["<", 4], 4)).to.equal(false);
      expect(severityMatches(["<", 4], 3.9)).to.equal(true);
      expect(severityMatches(["<=", 4], 4)).to.equal(true);
    });

    it("matches equality with a number written in exponent form", () => {
      expect(severityMatches(["=", 3.018e2], 301.8)).to.equal(true);
      expect(severityMatches(["=", 3.018e2], 301.9)).to.equal(false);
    });

    it("matches a numeric range that includes the lower bound", () => {
      expect(severityMatches([">=", 7, "<", 9], 7)).to.equal(true);
      expect(severityMatches([">=", 7, "<", 9], 8.9)).to.equal(true);
    });

    it("does not match a numeric range at its excluded upper bound", () => {
      expect(severityMatches([">=", 7, "<", 9], 9)).to.equal(false);
      expect(severityMatches([">", 0, "<=", 5], 0)).to.equal(false);
      expect(severityMatches([">", 0, "<=", 5], 5)).to.equal(true);
    });

    it("does not match a numeric-looking string", () => {
      expect(severityMatches([">=", 7], "8")).to.equal(false);
    });

    it("requires every numeric field of the documented example to match", () => {
      const pattern = {
        detail: {
          "c-count": [{ numeric: [">", 0, "<=", 5] }],
          "d-count": [{ numeric: ["<", 10] }],
          "x-limit": [{ numeric: ["=", 3.018e2] }],
        },
      } as EventPattern;
      const event = eventWith({ "c-count": 5, "d-count": 3, "x-limit": 301.8 });
      expect(matches(pattern, event)).to.equal(true);
      expect(
        matches(pattern, eventWith({ "c-count": 6, "d-count": 3, "x-limit": 301.8 })),
      ).to.equal(false);
    });
  });

  describe("exists", () => {
    const pattern = (exists: boolean) => ({ detail: { state: [{ exists: exists }] } });

    it("matches with exists true when the field is present", () => {
      expect(matches(pattern(true), ec2StateChange)).to.equal(true);
      expect(matches(pattern(true), eventWith({ other: 1 }))).to.equal(false);
    });

    it("matches with exists false when the field is absent", () => {
      expect(matches(pattern(false), eventWith({ other: 1 }))).to.equal(true);
      expect(matches(pattern(false), ec2StateChange)).to.equal(false);
    });

    it("matches with exists false when the whole parent object is absent", () => {
      const event = { source: "aws.ec2" };
      expect(matches(pattern(false), event)).to.equal(true);
      expect(matches(pattern(true), event)).to.equal(false);
    });

    it("only sees leaf fields, so an object-valued field does not exist", () => {
      const event = eventWith({ state: { c1: 100 } });
      expect(matches(pattern(true), event)).to.equal(false);
      expect(matches(pattern(false), event)).to.equal(true);
    });

    it("treats a field whose value is null as present", () => {
      expect(matches(pattern(true), eventWith({ state: null }))).to.equal(true);
    });
  });

  describe("cidr", () => {
    const pattern = (cidr: string) => ({ detail: { sourceIPAddress: [{ cidr: cidr }] } });

    it("matches an IPv4 address inside the block", () => {
      expect(
        matches(pattern("10.0.0.0/24"), eventWith({ sourceIPAddress: "10.0.0.255" })),
      ).to.equal(true);
      expect(matches(pattern("10.0.0.0/24"), eventWith({ sourceIPAddress: "10.0.1.0" }))).to.equal(
        false,
      );
    });

    it("matches an IPv6 address inside the block", () => {
      const inside = eventWith({ sourceIPAddress: "2001:db8::1" });
      const outside = eventWith({ sourceIPAddress: "2001:db9::1" });
      expect(matches(pattern("2001:db8::/32"), inside)).to.equal(true);
      expect(matches(pattern("2001:db8::/32"), outside)).to.equal(false);
    });

    it("does not match a value that is not an IP address", () => {
      const event = eventWith({ sourceIPAddress: "ec2.amazonaws.com" });
      expect(matches(pattern("10.0.0.0/8"), event)).to.equal(false);
    });
  });

  describe("$or", () => {
    const cloudWatchEvent = (metricName: string, namespace: string) => ({
      source: "aws.cloudwatch",
      metricName,
      namespace,
    });
    const pattern: EventPattern = {
      source: ["aws.cloudwatch"],
      $or: [
        { metricName: ["CPUUtilization", "ReadLatency"] },
        { namespace: ["AWS/EC2", "AWS/ES"] },
      ],
    };

    it("matches when any branch of $or matches, alongside the other fields", () => {
      expect(matches(pattern, cloudWatchEvent("Other", "AWS/ES"))).to.equal(true);
    });

    it("does not match when no branch of $or matches", () => {
      expect(matches(pattern, cloudWatchEvent("Other", "AWS/S3"))).to.equal(false);
    });

    it("does not match when a branch matches but a field outside $or does not", () => {
      const event = { source: "aws.ec2", metricName: "CPUUtilization" };
      expect(matches(pattern, event)).to.equal(false);
    });

    it("requires every field inside one branch, and supports $or nested in objects", () => {
      const nested: EventPattern = {
        detail: {
          $or: [{ state: ["stopped"], reason: ["user"] }, { state: ["terminated"] }],
        },
      };
      expect(matches(nested, ec2StateChange)).to.equal(true);
      expect(matches(nested, eventWith({ state: "stopped", reason: "system" }))).to.equal(false);
    });
  });

  it("throws on a malformed pattern instead of quietly not matching", () => {
    expect(() =>
      matches({ source: "aws.ec2" } as unknown as EventPattern, ec2StateChange),
    ).to.throw(/source: a leaf must be an array/);
    expect(() => matches("{not json", ec2StateChange)).to.throw(/not valid JSON/);
  });
});

describe("hand-written rules against the sample events", () => {
  const guardDutyHigh = {
    source: ["aws.guardduty"],
    "detail-type": ["GuardDuty Finding"],
    detail: { severity: [{ numeric: [">=", 7] }] },
  } as EventPattern;

  it("lets the GuardDuty crypto finding at severity 8 through a severity >= 7 rule", () => {
    expect(matches(guardDutyHigh, fixture("guardduty-crypto-high"))).to.equal(true);
  });

  it("keeps the GuardDuty port probe at severity 2 out of a severity >= 7 rule", () => {
    expect(matches(guardDutyHigh, fixture("guardduty-portprobe-low"))).to.equal(false);
  });

  it('never matches the numeric GuardDuty severity with a string "8" pattern', () => {
    const stringSeverity = { source: ["aws.guardduty"], detail: { severity: ["8"] } };
    expect(matches(stringSeverity, fixture("guardduty-crypto-high"))).to.equal(false);
  });

  it("matches the Security Hub finding on label, workflow and record state in the array", () => {
    const pattern = {
      source: ["aws.securityhub"],
      "detail-type": ["Security Hub Findings - Imported"],
      detail: {
        findings: {
          Severity: { Label: ["HIGH", "CRITICAL"] },
          Workflow: { Status: ["NEW"] },
          RecordState: ["ACTIVE"],
        },
      },
    };
    expect(matches(pattern, fixture("securityhub-control-high-new"))).to.equal(true);
    const archived = { ...pattern, detail: { findings: { RecordState: ["ARCHIVED"] } } };
    expect(matches(archived, fixture("securityhub-control-high-new"))).to.equal(false);
  });

  it("matches the active critical Inspector finding on its severity label", () => {
    const pattern = {
      source: ["aws.inspector2"],
      "detail-type": ["Inspector2 Finding"],
      detail: { severity: ["HIGH", "CRITICAL"], status: ["ACTIVE"] },
    };
    expect(matches(pattern, fixture("inspector2-critical-active"))).to.equal(true);
    const suppressed = { ...pattern, detail: { status: ["SUPPRESSED", "CLOSED"] } };
    expect(matches(suppressed, fixture("inspector2-critical-active"))).to.equal(false);
  });

  it("matches the GPU RunInstances call through CloudTrail", () => {
    const pattern = {
      source: ["aws.ec2"],
      "detail-type": ["AWS API Call via CloudTrail"],
      detail: {
        eventName: ["RunInstances"],
        requestParameters: { instanceType: [{ prefix: "p3." }, { prefix: "p4" }] },
      },
    };
    expect(matches(pattern, fixture("cloudtrail-runinstances"))).to.equal(true);
    expect(matches(pattern, fixture("signin-root-console-login"))).to.equal(false);
  });

  it("matches the root console sign-in without MFA", () => {
    const pattern = {
      source: ["aws.signin"],
      "detail-type": ["AWS Console Sign In via CloudTrail"],
      detail: {
        userIdentity: { type: ["Root"] },
        additionalEventData: { MFAUsed: [{ "anything-but": "Yes" }] },
      },
    };
    expect(matches(pattern, fixture("signin-root-console-login"))).to.equal(true);
    expect(matches(pattern, fixture("cloudtrail-runinstances"))).to.equal(false);
  });
});

describe("validateEventPattern", () => {
  it("accepts a well-formed pattern using every operator", () => {
    const pattern = {
      source: ["aws.ec2", 1, true, null],
      detail: {
        a: [{ prefix: "x" }, { prefix: { "equals-ignore-case": "x" } }],
        b: [{ suffix: "x" }, { "equals-ignore-case": "x" }, { wildcard: "a*b\\*" }],
        c: [{ "anything-but": ["x", "y"] }, { "anything-but": { prefix: "x" } }],
        d: [{ numeric: [">", 0, "<=", 5] }, { exists: false }],
        e: [{ cidr: "10.0.0.0/8" }, { cidr: "2001:db8::/32" }],
        $or: [{ e: ["1"] }, { f: ["2"] }],
      },
    };
    expect(validateEventPattern(pattern)).to.deep.equal([]);
  });

  it("reports a pattern that is not a JSON object", () => {
    expect(validateEventPattern(["aws.ec2"])).to.deep.equal([
      "the pattern must be a JSON object, got an array",
    ]);
    expect(validateEventPattern("{")[0]).to.match(/^pattern is not valid JSON/);
  });

  it("reports a leaf that is not an array, naming its path", () => {
    expect(validateEventPattern({ detail: { severity: 8 } })).to.deep.equal([
      "detail.severity: a leaf must be an array of values, got number 8",
    ]);
  });

  it("reports an empty array of values", () => {
    expect(validateEventPattern({ source: [] })).to.deep.equal([
      "source: the array of values must not be empty",
    ]);
  });

  it("reports an empty object", () => {
    expect(validateEventPattern({ detail: {} })).to.deep.equal([
      "detail: an object in a pattern must name at least one field",
    ]);
  });

  it("reports an unknown operator", () => {
    const [problem] = validateEventPattern({ source: [{ contains: "ec2" }] });
    expect(problem).to.match(/^source: unknown operator "contains"/);
  });

  it("reports a filter object with two operators", () => {
    expect(validateEventPattern({ source: [{ prefix: "a", suffix: "b" }] })).to.deep.equal([
      "source: a filter object must have exactly one operator, got 2",
    ]);
  });

  it("reports a numeric comparison with a non-number", () => {
    expect(validateEventPattern({ n: [{ numeric: [">=", "7"] }] })).to.deep.equal([
      'n: "numeric" compares with the string "7", which is not a number',
    ]);
  });

  it("reports an unknown numeric operator", () => {
    expect(validateEventPattern({ n: [{ numeric: ["!=", 7] }] })).to.deep.equal([
      'n: "numeric" has unknown operator the string "!="',
    ]);
  });

  it("reports a numeric range that is backwards or empty", () => {
    expect(validateEventPattern({ n: [{ numeric: ["<", 9, ">=", 7] }] })[0]).to.match(
      /range must be a lower bound/,
    );
    expect(validateEventPattern({ n: [{ numeric: [">=", 9, "<", 7] }] })).to.deep.equal([
      'n: "numeric" range is empty: 9 is not below 7',
    ]);
  });

  it("reports anything-but mixing strings and numbers, or listing prefixes", () => {
    expect(validateEventPattern({ s: [{ "anything-but": ["a", 1] }] })).to.have.length(1);
    const prefixList = { "anything-but": { prefix: ["a", "b"] } };
    expect(validateEventPattern({ s: [prefixList] })).to.have.length(1);
  });

  it("reports a wildcard with consecutive asterisks or a stray backslash", () => {
    expect(validateEventPattern({ s: [{ wildcard: "a**b" }] })).to.deep.equal([
      's: "wildcard" must not contain consecutive "*" characters',
    ]);
    expect(validateEventPattern({ s: [{ wildcard: "a\\b" }] })).to.deep.equal([
      's: "wildcard" may only escape "*" or "\\" with a backslash',
    ]);
  });

  it("reports exists with a non-boolean and cidr without a valid block", () => {
    expect(validateEventPattern({ s: [{ exists: "true" }] })).to.deep.equal([
      's: "exists" needs true or false',
    ]);
    expect(validateEventPattern({ s: [{ cidr: "10.0.0.0/33" }] })).to.have.length(1);
  });

  it("reports $or with fewer than two branches", () => {
    expect(validateEventPattern({ $or: [{ source: ["aws.ec2"] }] })).to.deep.equal([
      "$or: $or must be an array of at least two pattern objects",
    ]);
  });

  it("reports problems inside $or branches with their index", () => {
    expect(validateEventPattern({ $or: [{ a: ["x"] }, { b: "y" }] })).to.deep.equal([
      '$or[1].b: a leaf must be an array of values, got the string "y"',
    ]);
  });
});
