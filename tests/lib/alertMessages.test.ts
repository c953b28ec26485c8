import { expect } from "chai";
import {
  guardDutyFindingMessage,
  inspectorFindingMessage,
  readJsonPath,
  renderMessage,
  securityHubFindingMessage,
  textTransformer,
} from "../../lib/alertMessages";
import { findingAlertRules } from "../../lib/alertRules";
import { FixtureEvent, loadEvent } from "../helpers/events";

/** The message a person receives for a fixture event, through the rule that delivers it. */
function messageFor(name: FixtureEvent): string {
  const event = loadEvent(name);
  const rule = findingAlertRules("LOW").find(
    (spec) =>
      spec.pattern["source"] !== undefined &&
      (spec.pattern["source"] as string[]).includes(event["source"]),
  );
  if (rule === undefined) throw new Error(`no finding rule for ${name}`);
  return renderMessage(rule.message, event);
}

function expectReadableText(message: string): void {
  expect(() => JSON.parse(message), "a message must not be JSON").to.throw();
  expect(message).to.not.match(/<[A-Za-z0-9_]+>/);
  expect(message).to.not.include("undefined");
  expect(message.split("\n").length).to.be.within(3, 6);
}

describe("alert messages", () => {
  describe("for the GuardDuty crypto-mining finding", () => {
    const message = messageFor("guardduty-crypto-high");

    it("is short text, not JSON", () => expectReadableText(message));

    it("gives the severity, the finding type and its title", () => {
      expect(message).to.include("severity 8 of 10");
      expect(message).to.include("CryptoCurrency:EC2/BitcoinTool.B!DNS");
      expect(message).to.include(
        "EC2 instance is querying a domain name that is associated with Bitcoin",
      );
    });

    it("says which account, region and instance", () => {
      expect(message).to.include(
        "Account 123456789012, region ap-southeast-1, resource Instance i-0f3a9c2b7d1e4a5b6",
      );
    });

    it("links to the finding in the console of its region", () => {
      expect(message).to.include(
        "https://ap-southeast-1.console.aws.amazon.com/guardduty/home?region=ap-southeast-1" +
          "#/findings?macros=current&fId=7ab9d1b5e8b5a0f1c2d3e4f5a6b7c8d9",
      );
    });
  });

  describe("for the Inspector critical finding", () => {
    const message = messageFor("inspector2-critical-active");

    it("is short text, not JSON", () => expectReadableText(message));

    it("gives the severity and the vulnerability", () => {
      expect(message).to.include("CRITICAL: CVE-2021-44228 - org.apache.logging.log4j:log4j-core");
    });

    it("says which account, region and resource", () => {
      expect(message).to.include(
        "Account 123456789012, region us-east-1, resource AWS_EC2_INSTANCE i-0f3a9c2b7d1e4a5b6",
      );
    });

    it("links to Inspector's findings in the console of the region", () => {
      expect(message).to.include(
        "https://us-east-1.console.aws.amazon.com/inspector/v2/home?region=us-east-1",
      );
    });
  });

  describe("for the Security Hub control finding", () => {
    const message = messageFor("securityhub-control-high-new");

    it("is short text, not JSON", () => expectReadableText(message));

    it("gives the severity, the control title and the control", () => {
      expect(message).to.include(
        "HIGH: S3 general purpose buckets should block public access (security-control/S3.8)",
      );
    });

    it("says the account and the region where the resource is, not where findings are gathered", () => {
      expect(message).to.include(
        "Account 123456789012, region eu-west-1, resource arn:aws:s3:::example-uploads",
      );
    });

    it("links to the console of the region that gathers findings", () => {
      expect(message).to.include(
        "https://us-east-1.console.aws.amazon.com/securityhub/home?region=us-east-1",
      );
    });
  });
});

describe("textTransformer", () => {
  it("makes one quoted string per line, so EventBridge delivers text with line breaks", () => {
    const transformer = textTransformer({ who: "$.detail.user" }, ["User <who>", "signed in"]);
    expect(transformer.inputTemplate).to.equal('"User <who>"\n"signed in"');
  });

  it("refuses a variable that has no input path, naming it", () => {
    expect(() => textTransformer({ who: "$.detail.user" }, ["<who> in <where>"])).to.throw(
      "Template variables without a path: where",
    );
  });

  it("gives every finding message at most the 100 input paths EventBridge allows", () => {
    for (const transformer of [
      guardDutyFindingMessage(),
      inspectorFindingMessage(),
      securityHubFindingMessage(),
    ]) {
      const paths = Object.keys(transformer.inputPaths).length;
      expect(paths).to.be.within(1, 100);
    }
  });
});

describe("renderMessage", () => {
  it("leaves the place of a value missing from the event empty, as EventBridge does", () => {
    const transformer = textTransformer({ a: "$.detail.a", b: "$.detail.b" }, ["<a>/<b>"]);
    expect(renderMessage(transformer, { detail: { a: "x" } })).to.equal('"x/"');
  });
});

describe("readJsonPath", () => {
  const event = { detail: { resources: [{ id: "i-1" }, { id: "i-2" }] } };

  it("follows fields and array indexes", () => {
    expect(readJsonPath(event, "$.detail.resources[1].id")).to.equal("i-2");
  });

  it("gives undefined for a path the event does not have", () => {
    expect(readJsonPath(event, "$.detail.resources[5].id")).to.equal(undefined);
    expect(readJsonPath(event, "$.detail.missing.id")).to.equal(undefined);
  });

  it("rejects a path that does not start with $", () => {
    expect(() => readJsonPath(event, "detail.resources")).to.throw("Input path must start with $");
  });
});
