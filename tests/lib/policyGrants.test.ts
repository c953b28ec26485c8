import { expect } from "chai";
import { actionMatches, allowsServiceActions, parsePolicyDocument } from "../../lib/policyGrants";
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

  it("parses a single statement object and rejects text that is not a policy", () => {
    const single = parsePolicyDocument(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"x:y"}}',
    );
    expect(single?.Statement).to.have.length(1);
    expect(parsePolicyDocument("not json")).to.equal(undefined);
    expect(parsePolicyDocument('{"Version":"2012-10-17"}')).to.equal(undefined);
  });
});
