import { expect } from "chai";
import {
  SECURITY_HUB_STANDARDS,
  SecurityHubStandardKey,
  accountOfArn,
  accountRootArn,
  defaultEventBusArn,
  isSecurityHubStandardKey,
  regionOfArn,
  securityHubStandardArn,
} from "../../lib/arns";

describe("securityHubStandardArn", () => {
  const commercial = { partition: "aws", region: "eu-west-1" };

  it("gives CIS 1.2 its one global ruleset ARN, whatever the region", () => {
    expect(securityHubStandardArn("cis-1.2", commercial)).to.equal(
      "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0",
    );
    expect(
      securityHubStandardArn("cis-1.2", { partition: "aws", region: "ap-southeast-2" }),
    ).to.equal("arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0");
  });

  it("builds the regional ARN of each other standard", () => {
    const expected: Record<Exclude<SecurityHubStandardKey, "cis-1.2">, string> = {
      fsbp: "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0",
      "cis-1.4": "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/1.4.0",
      "cis-3.0": "arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
      "nist-800-53": "arn:aws:securityhub:eu-west-1::standards/nist-800-53/v/5.0.0",
      "pci-dss": "arn:aws:securityhub:eu-west-1::standards/pci-dss/v/3.2.1",
      "pci-dss-4": "arn:aws:securityhub:eu-west-1::standards/pci-dss/v/4.0.1",
    };
    for (const [key, arn] of Object.entries(expected)) {
      expect(securityHubStandardArn(key as SecurityHubStandardKey, commercial), key).to.equal(arn);
    }
  });

  it("uses the partition, for GovCloud and China as for commercial regions", () => {
    expect(
      securityHubStandardArn("fsbp", { partition: "aws-us-gov", region: "us-gov-west-1" }),
    ).to.equal(
      "arn:aws-us-gov:securityhub:us-gov-west-1::standards/aws-foundational-security-best-practices/v/1.0.0",
    );
    expect(
      securityHubStandardArn("cis-1.2", { partition: "aws-cn", region: "cn-north-1" }),
    ).to.equal("arn:aws-cn:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0");
  });

  it("knows exactly the short keys documented for config", () => {
    expect(Object.keys(SECURITY_HUB_STANDARDS)).to.have.members([
      "fsbp",
      "cis-1.2",
      "cis-1.4",
      "cis-3.0",
      "nist-800-53",
      "pci-dss",
      "pci-dss-4",
    ]);
    expect(isSecurityHubStandardKey("cis-3.0")).to.equal(true);
    expect(isSecurityHubStandardKey("iso-27001")).to.equal(false);
    expect(isSecurityHubStandardKey("toString")).to.equal(false);
  });
});

describe("other ARNs", () => {
  it("builds the default event bus ARN of a region", () => {
    expect(
      defaultEventBusArn({
        partition: "aws-us-gov",
        region: "us-gov-east-1",
        accountId: "123456789012",
      }),
    ).to.equal("arn:aws-us-gov:events:us-gov-east-1:123456789012:event-bus/default");
  });

  it("builds the account root ARN", () => {
    expect(accountRootArn("aws", "123456789012")).to.equal("arn:aws:iam::123456789012:root");
  });

  it("reads the account of an ARN, and none from an S3 bucket or a global standard", () => {
    expect(accountOfArn("arn:aws:sns:us-east-1:123456789012:alerts")).to.equal("123456789012");
    expect(accountOfArn("arn:aws:iam::123456789012:role/forwarder")).to.equal("123456789012");
    expect(accountOfArn("arn:aws:s3:::example-uploads")).to.equal(undefined);
    expect(
      accountOfArn("arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0"),
    ).to.equal(undefined);
  });

  it("reads the region of an ARN, and none from a global resource", () => {
    expect(regionOfArn("arn:aws:sqs:eu-west-1:123456789012:dlq")).to.equal("eu-west-1");
    expect(regionOfArn("arn:aws:iam::123456789012:role/forwarder")).to.equal(undefined);
  });
});
