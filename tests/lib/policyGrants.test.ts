import { expect } from "chai";
import {
  actionMatches,
  allowsServiceActions,
  identityDecision,
  parsePolicyDocument,
  resourceMatches,
  serviceDenials,
} from "../../lib/policyGrants";
import { alertKeyPolicy, alertTopicPolicy } from "../../lib/policyDocuments";

const publishers = ["events.amazonaws.com"];

describe("policy grants", () => {
  it("matches IAM action wildcards without regard to case", () => {
    expect(actionMatches("kms:GenerateDataKey*", "kms:GenerateDataKey")).to.equal(true);
    expect(actionMatches("KMS:*", "kms:Decrypt")).to.equal(true);
    expect(actionMatches("kms:Decrypt", "kms:DecryptAll")).to.equal(false);
  });

  it("finds that the alert key policy lets EventBridge encrypt", () => {
    const doc = alertKeyPolicy({
      partition: "aws",
      accountId: "123456789012",
      publisherServices: publishers,
    });
    expect(
      allowsServiceActions(doc, "events.amazonaws.com", ["kms:GenerateDataKey", "kms:Decrypt"]),
    ).to.equal(true);
    expect(allowsServiceActions(doc, "cloudwatch.amazonaws.com", ["kms:Decrypt"])).to.equal(false);
  });

  it("does not count a Deny statement as a grant", () => {
    const topicArn = "arn:aws:sns:us-east-1:123456789012:t";
    const doc = alertTopicPolicy({ topicArn, accountId: "123456789012", publisherServices: [] });
    expect(allowsServiceActions(doc, "events.amazonaws.com", ["sns:Publish"])).to.equal(false);
  });

  it("finds a Deny without conditions that covers the service, action and resource", () => {
    const deny = (extra: Record<string, unknown>) =>
      parsePolicyDocument(
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Sid: "D", Effect: "Deny", Principal: "*", Action: "sns:*", ...extra }],
        }),
      )!;
    const arn = "arn:aws:sns:us-east-1:123456789012:t";
    const denied = (extra: Record<string, unknown>) =>
      serviceDenials(deny(extra), "events.amazonaws.com", ["sns:Publish"], arn).length > 0;
    expect(denied({ Resource: arn })).to.equal(true);
    expect(denied({ Resource: "arn:aws:sns:*:*:*" })).to.equal(true);
    expect(denied({ Resource: `${arn}-other` })).to.equal(false);
    expect(denied({ Condition: { Bool: { "aws:SecureTransport": "false" } } })).to.equal(false);
    expect(denied({ Action: undefined, NotAction: "sns:Subscribe" })).to.equal(true);
  });

  it("decides a role policy's PutEvents on a bus from Allow and Deny statements", () => {
    const bus = "arn:aws:events:us-east-1:123456789012:event-bus/default";
    const doc = (...Statement: Record<string, unknown>[]) =>
      parsePolicyDocument(JSON.stringify({ Version: "2012-10-17", Statement }))!;
    const allow = { Effect: "Allow", Action: "events:PutEvents", Resource: bus };
    expect(identityDecision(doc(allow), "events:PutEvents", bus)).to.equal("allow");
    expect(identityDecision(doc(allow), "events:PutEvents", bus.replace("us-", "eu-"))).to.equal(
      "none",
    );
    const deny = { Effect: "Deny", Action: "events:*", Resource: "*" };
    expect(identityDecision(doc(allow, deny), "events:PutEvents", bus)).to.equal("deny");
    expect(resourceMatches("arn:aws:events:*:*:event-bus/*", bus)).to.equal(true);
  });

  it("parses a single statement object and rejects text that is not a policy", () => {
    const single = parsePolicyDocument(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"x:y"}}',
    );
    expect(single?.Statement).to.have.length(1);
    expect(parsePolicyDocument("not json")).to.equal(undefined);
    expect(parsePolicyDocument('{"Version":"2012-10-17"}')).to.equal(undefined);
  });
});
