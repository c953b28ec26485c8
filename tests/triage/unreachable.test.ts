import { expect } from "chai";
import { instantRetry, testClients } from "./setup";
import { runCli } from "./run-cli";
import { groupGaps } from "../../triage/blind-spots";
import { buildChecklist, type Checklist, type ChecklistItem } from "../../triage/checklist";
import { EXIT } from "../../triage/cli";
import { DEFAULT_ENABLED_REGIONS } from "../../triage/regions";
import { renderMarkdown, renderText } from "../../triage/report";
import { scanAccount, type ScanOptions } from "../../triage/scan/account";
import type { ScanGap } from "../../triage/types";
import { breachedAccount, NOW } from "../fixtures/triage/breached-account";
import { type AwsMocks, awsError, installAwsMocks, networkError } from "./mock-aws";

/** Every read the scan makes after sts:GetCallerIdentity and ec2:DescribeRegions. */
const REGIONAL_COMMANDS = [
  "DescribeInstances",
  "DescribeImages",
  "DescribeVolumes",
  "DescribeSnapshots",
  "DescribeSpotInstanceRequests",
  "ListFunctions",
  "LookupEvents",
  "DescribeTrails",
  "ListDetectors",
  "DescribeHub",
  "BatchGetAccountStatus",
];
const IAM_COMMANDS = ["ListUsers", "GetAccountSummary"];

const SEVENTEEN = [...DEFAULT_ENABLED_REGIONS].sort();

function options(overrides: Partial<ScanOptions> = {}): ScanOptions {
  return {
    clients: testClients(),
    homeRegion: "us-east-1",
    windowMs: 3 * 86_400_000,
    sinceLabel: "3d",
    now: NOW,
    concurrency: 6,
    retry: instantRetry(),
    ...overrides,
  };
}

function itemsOf(checklist: Checklist, sectionId: string): ChecklistItem[] {
  return checklist.sections.find((section) => section.id === sectionId)?.items ?? [];
}

function supportEvidence(checklist: Checklist): string[] {
  return itemsOf(checklist, "support")[0].evidence;
}

function gap(region: string, what: string, kind: string, reason: string): ScanGap {
  return { region, what, kind, reason, advice: `advice for ${kind}` };
}

describe("triage when the regional endpoints cannot be reached", () => {
  let aws: AwsMocks;
  beforeEach(() => {
    const account = breachedAccount();
    // The account has the 17 default regions enabled, as in the fresh-user report.
    account.regions = { Regions: SEVENTEEN.map((RegionName) => ({ RegionName })) };
    aws = installAwsMocks(account);
    for (const command of [...REGIONAL_COMMANDS, ...IAM_COMMANDS]) {
      aws.fail("*", command, networkError("ENOTFOUND", "endpoint.amazonaws.com"));
    }
  });
  afterEach(() => aws.restore());

  it("prints one blind-spot line for the network, with its advice once", async () => {
    const { stdout, code } = await runCli(["--profile", "real", "--since", "3d"]);
    expect(code).to.equal(EXIT.partial);
    const section = stdout.slice(stdout.lastIndexOf("\nWhat this report could not read"));
    const lines = section.trim().split("\n").slice(1);
    expect(lines).to.have.length(2);
    expect(lines[0]).to.satisfy((line: string) =>
      line.startsWith(
        "  - the network or the AWS endpoint was unreachable (ENOTFOUND) for 190 reads in all 17 " +
          "regions and globally: IAM account summary (root keys and MFA), IAM users, " +
          "CloudTrail IAM events, EC2 instances, AMIs, ",
      ),
    );
    expect(lines[1]).to.contain("--json FILE (checklist.gaps)");
    expect(stdout.split("Check the internet connection")).to.have.length(2);
    expect(stdout).to.contain("PARTIAL REPORT: 190 thing(s) could not be read (1 cause(s))");
  });

  it("keeps every failed read, with its region, in the JSON report", async () => {
    const { stdout } = await runCli(["--since", "3d", "--json", "-"]);
    const { checklist } = JSON.parse(stdout) as { checklist: Checklist };
    expect(checklist.gaps).to.have.length(190);
    expect(checklist.gaps.every((each) => each.kind === "network")).to.equal(true);
    expect(new Set(checklist.gaps.map((each) => each.region)).size).to.equal(18);
    expect(checklist.blindSpots).to.have.length(1);
    expect(checklist.blindSpots[0]).to.include({ kind: "network", count: 190 });
    expect(checklist.coverage.resourcesNotChecked).to.deep.equal(SEVENTEEN);
  });

  it("never reports zero flagged items or no flagged regions when nothing was read", async () => {
    const checklist = buildChecklist(await scanAccount(options()));
    const text = renderText(checklist);
    expect(text).not.to.contain("0 item(s) flagged");
    expect(text).not.to.contain("regions with flagged resources: none");
    expect(supportEvidence(checklist)).to.deep.equal([
      "account: 123456789012",
      "items flagged as not created by the team: not checked: every call failed",
      "regions with flagged resources: not checked: every call failed in all 17 regions",
    ]);
  });

  it("says each section that could not be read was not checked", async () => {
    const checklist = buildChecklist(await scanAccount(options()));
    expect(itemsOf(checklist, "access-keys").map((item) => item.title)).to.deep.equal([
      "Access keys could not be checked",
    ]);
    expect(itemsOf(checklist, "iam-users").map((item) => item.title)).to.deep.equal([
      "IAM users could not be checked",
      "IAM changes in the window could not be checked",
    ]);
    const [resources] = itemsOf(checklist, "unknown-resources");
    expect(resources.title).to.equal("Resources could not be checked in any of the 17 region(s)");
    expect(resources.evidence).to.deep.equal([
      "not checked: every call failed in all 17 regions",
      "why: the network or the AWS endpoint was unreachable (ENOTFOUND)",
    ]);
    expect(resources.nextAction).not.to.contain("--regions");
    const [detection] = itemsOf(checklist, "detection");
    expect(detection.title).to.equal("Detection could not be checked in any of the 17 region(s)");
    expect(detection.evidence[1]).to.equal("GuardDuty: not checked in all 17 regions");
    expect(checklist.sections.flatMap((s) => s.items).filter((i) => i.flagged)).to.deep.equal([]);
  });

  it("writes the same single line and not-checked items to the Markdown ticket", async () => {
    const markdown = renderMarkdown(buildChecklist(await scanAccount(options())));
    expect(markdown).to.contain("- [ ] **HIGH** Resources could not be checked in any of the 17");
    expect(markdown.match(/^- the network or the AWS endpoint was unreachable/gm)).to.have.length(
      1,
    );
  });
});

describe("triage when some regions cannot be reached", () => {
  let aws: AwsMocks;
  beforeEach(() => {
    aws = installAwsMocks(breachedAccount());
    for (const command of REGIONAL_COMMANDS) {
      aws.fail("sa-east-1", command, networkError("ETIMEDOUT", "ec2.sa-east-1.amazonaws.com"));
      aws.fail("us-west-2", command, networkError("ECONNRESET", "ec2.us-west-2.amazonaws.com"));
    }
  });
  afterEach(() => aws.restore());

  it("names the unread regions next to the flagged ones and keeps the flagged count", async () => {
    const checklist = buildChecklist(await scanAccount(options({ windowMs: 7 * 86_400_000 })));
    const [, count, regions] = supportEvidence(checklist);
    expect(count).to.match(
      /^\d+ item\(s\) flagged as not created by the team in what could be read; /,
    );
    expect(count).to.satisfy((text: string) =>
      text.endsWith("; not checked: resources in sa-east-1, us-west-2"),
    );
    expect(regions).to.equal(
      "regions with flagged resources: ap-southeast-2, eu-north-1; " +
        "not checked (every call failed): sa-east-1, us-west-2",
    );
  });

  it("lists both regions on one network line with both error codes", async () => {
    const text = renderText(buildChecklist(await scanAccount(options())));
    expect(text).to.contain(
      "the network or the AWS endpoint was unreachable (ETIMEDOUT, ECONNRESET) for 22 reads " +
        "in regions sa-east-1, us-west-2: EC2 instances, AMIs, EBS volumes,",
    );
    expect(text).to.contain("Resources could not be checked in 2 of 5 region(s)");
    expect(text).to.contain("run again with --regions sa-east-1,us-west-2. Until then");
    expect(text).to.contain("Detection could not be checked in 2 of 5 region(s)");
  });

  it("names the one region scanned when --regions names only an unreachable one", async () => {
    const checklist = buildChecklist(await scanAccount(options({ regions: ["sa-east-1"] })));
    expect(supportEvidence(checklist)[2]).to.equal(
      "regions with flagged resources: not checked: every call failed in sa-east-1",
    );
    expect(itemsOf(checklist, "unknown-resources")[0].evidence[0]).to.equal(
      "not checked: every call failed in sa-east-1",
    );
  });

  it("says 'none in the regions read' when no read region has flagged resources", async () => {
    aws.restore();
    const account = breachedAccount();
    aws = installAwsMocks(account);
    for (const region of ["ap-southeast-2", "eu-north-1", "sa-east-1"]) {
      for (const command of REGIONAL_COMMANDS) {
        aws.fail(region, command, networkError("ETIMEDOUT"));
      }
    }
    const checklist = buildChecklist(await scanAccount(options()));
    expect(supportEvidence(checklist)[2]).to.equal(
      "regions with flagged resources: none in the 2 region(s) read; " +
        "not checked (every call failed): ap-southeast-2, eu-north-1, sa-east-1",
    );
  });
});

describe("triage when only some reads of a region fail", () => {
  let aws: AwsMocks;
  beforeEach(() => {
    aws = installAwsMocks(breachedAccount());
  });
  afterEach(() => aws.restore());

  it("notes a partly read region in the support case without a not-checked item", async () => {
    aws.fail("us-west-2", "DescribeVolumes", awsError("UnauthorizedOperation", "denied", 403));
    const checklist = buildChecklist(await scanAccount(options({ windowMs: 7 * 86_400_000 })));
    expect(supportEvidence(checklist)[2]).to.equal(
      "regions with flagged resources: ap-southeast-2, eu-north-1, sa-east-1; " +
        "partly read: us-west-2",
    );
    const titles = checklist.sections.flatMap((s) => s.items).map((item) => item.title);
    expect(titles.filter((title) => title.includes("could not be checked"))).to.deep.equal([]);
  });

  it("says the IAM users were not checked when only ListUsers fails", async () => {
    aws.fail("*", "ListUsers", awsError("AccessDenied", "not authorized to iam:ListUsers", 403));
    const checklist = buildChecklist(await scanAccount(options()));
    expect(itemsOf(checklist, "iam-users")[0].evidence).to.deep.equal([
      "not checked: the list of IAM users could not be read",
      "why: access was denied (AccessDenied)",
    ]);
    expect(supportEvidence(checklist)[1]).to.match(/not checked: IAM users and access keys$/);
  });
});

describe("grouping blind spots by cause", () => {
  it("puts network failures of every code and region under one cause", () => {
    const spots = groupGaps([
      gap("eu-west-1", "EC2 instances", "network", "ENOTFOUND: getaddrinfo ENOTFOUND ec2"),
      gap("us-east-1", "AMIs", "network", "TimeoutError: Connection timed out"),
      gap("global", "IAM users", "network", "ENOTFOUND: getaddrinfo ENOTFOUND iam"),
    ]);
    expect(spots).to.have.length(1);
    expect(spots[0]).to.deep.include({
      count: 3,
      regions: ["eu-west-1", "us-east-1", "global"],
      what: ["EC2 instances", "AMIs", "IAM users"],
      errors: ["ENOTFOUND", "TimeoutError"],
      reason: undefined,
    });
  });

  it("keeps denials with different error names apart, since they need different fixes", () => {
    const spots = groupGaps([
      gap("eu-west-1", "EC2 instances", "access-denied", "UnauthorizedOperation: no"),
      gap("eu-west-1", "GuardDuty status", "access-denied", "AccessDeniedException: no"),
      gap("eu-west-1", "AMIs", "access-denied", "UnauthorizedOperation: no"),
    ]);
    expect(spots.map((spot) => [spot.errors, spot.count])).to.deep.equal([
      [["UnauthorizedOperation"], 2],
      [["AccessDeniedException"], 1],
    ]);
    expect(spots[1].reason).to.equal("AccessDeniedException: no");
  });

  it("prints a cause that hid one read in that read's own words", () => {
    const checklist = buildChecklist({
      scannedAt: NOW.toISOString(),
      windowStart: NOW.toISOString(),
      since: "1d",
      regions: ["eu-west-1"],
      iam: { users: [], accessKeys: [], recentChanges: [], gaps: [] },
      regionScans: [],
      gaps: [gap("eu-west-1", "Lambda functions", "throttled", "ThrottlingException: Rate.")],
      aborted: false,
    });
    expect(renderText(checklist)).to.contain(
      "  - could not read Lambda functions in region eu-west-1: ThrottlingException: Rate. " +
        "advice for throttled\n",
    );
    expect(renderText(checklist)).not.to.contain("checklist.gaps");
  });
});
