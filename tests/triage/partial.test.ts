import { expect } from "chai";
import { instantRetry, testClients } from "./setup";
import { buildChecklist } from "../../triage/checklist";
import { renderText } from "../../triage/report";
import { scanAccount, type ScanOptions } from "../../triage/scan/account";
import { breachedAccount, NOW } from "../fixtures/triage/breached-account";
import { type AwsMocks, awsError, credentialsError, installAwsMocks } from "./mock-aws";

function options(overrides: Partial<ScanOptions> = {}): ScanOptions {
  return {
    clients: testClients(),
    homeRegion: "us-east-1",
    windowMs: 7 * 86_400_000,
    sinceLabel: "7d",
    now: NOW,
    concurrency: 3,
    retry: instantRetry(),
    ...overrides,
  };
}

describe("triage with failures in some regions", () => {
  let aws: AwsMocks;
  beforeEach(() => {
    aws = installAwsMocks(breachedAccount());
  });
  afterEach(() => aws.restore());

  it("retries a throttled call with growing delays and then reads it", async () => {
    const throttled = awsError("RequestLimitExceeded", "Request limit exceeded.", 503);
    aws.fail("sa-east-1", "DescribeInstances", throttled, 2);
    const retry = instantRetry(4);
    const scan = await scanAccount(options({ retry }));
    const saEast = scan.regionScans.find((regionScan) => regionScan.region === "sa-east-1");
    expect(saEast?.instances.map((instance) => instance.instanceId)).to.deep.equal([
      "i-0miner0000000sae1",
    ]);
    expect(saEast?.gaps).to.deep.equal([]);
    expect(retry.waited).to.have.length(2);
    expect(retry.waited[1]).to.be.greaterThan(retry.waited[0]);
  });

  it("reports a call that stays throttled as a gap and keeps the other regions", async () => {
    aws.fail("eu-north-1", "LookupEvents", awsError("ThrottlingException", "Rate exceeded"));
    const checklist = buildChecklist(await scanAccount(options({ retry: instantRetry(3) })));
    expect(checklist.partial).to.equal(true);
    expect(checklist.gaps.map((gap) => [gap.region, gap.what, gap.kind])).to.deep.equal([
      ["eu-north-1", "CloudTrail RunInstances events", "throttled"],
    ]);
    const miner = checklist.sections
      .flatMap((s) => s.items)
      .find((item) => item.target?.id === "i-0miner0000000eun1");
    expect(miner?.evidence[0]).to.contain("by unknown (no RunInstances event in the window)");
  });

  it("turns access denied in one region into a gap with the reason and what to do", async () => {
    aws.fail(
      "ap-southeast-2",
      "DescribeInstances",
      awsError("UnauthorizedOperation", "You are not authorized to perform this operation.", 403),
    );
    aws.fail(
      "ap-southeast-2",
      "ListDetectors",
      awsError(
        "AccessDeniedException",
        "User is not authorized to perform guardduty:ListDetectors",
        403,
      ),
    );
    const checklist = buildChecklist(await scanAccount(options()));
    const text = renderText(checklist);
    expect(text).to.contain("PARTIAL REPORT: 2 thing(s) could not be read");
    expect(text).to.contain(
      "could not read EC2 instances in region ap-southeast-2: " +
        "UnauthorizedOperation: You are not authorized to perform this operation. " +
        "These credentials may not make this call.",
    );
    const instanceIds = checklist.sections
      .flatMap((s) => s.items)
      .filter((item) => item.target?.kind === "instance")
      .map((item) => item.target?.id)
      .sort();
    expect(instanceIds).to.deep.equal(["i-0miner0000000eun1", "i-0miner0000000sae1"]);
    expect(text).not.to.match(/\n\s+at /);
  });

  it("explains a region that is not enabled instead of failing the scan", async () => {
    const scan = await scanAccount(options({ regions: ["us-east-1", "me-south-1"] }));
    const gaps = buildChecklist(scan).gaps.filter((gap) => gap.region === "me-south-1");
    expect(gaps.length).to.be.greaterThan(0);
    expect(gaps.every((gap) => gap.kind === "region-disabled")).to.equal(true);
    expect(gaps[0].advice).to.contain("Drop it from --regions");
  });

  it("falls back to the default regions when DescribeRegions is denied", async () => {
    aws.fail("us-east-1", "DescribeRegions", awsError("UnauthorizedOperation", "denied", 403));
    const scan = await scanAccount(options());
    expect(scan.regions).to.have.length(17);
    expect(scan.gaps[0].what).to.equal(
      "the list of enabled regions (scanned the default regions instead)",
    );
  });

  it("stops after one call when there are no credentials at all", async () => {
    aws.fail("us-east-1", "GetCallerIdentity", credentialsError());
    const scan = await scanAccount(options());
    expect(scan.aborted).to.equal(true);
    expect(scan.gaps[0].kind).to.equal("no-credentials");
    expect(aws.sentCommands()).to.deep.equal(["GetCallerIdentity"]);
  });

  it("recognises an expired session token", async () => {
    aws.fail(
      "us-east-1",
      "GetCallerIdentity",
      awsError("ExpiredToken", "The security token included in the request is expired", 403),
    );
    const scan = await scanAccount(options());
    expect(scan.aborted).to.equal(true);
    expect(scan.gaps[0].advice).to.contain("aws sso login");
  });
});
