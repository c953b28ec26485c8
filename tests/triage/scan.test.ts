import { expect } from "chai";
import { testClients, instantRetry } from "./setup";
import { buildChecklist, type Checklist, type ChecklistItem } from "../../triage/checklist";
import { scanAccount } from "../../triage/scan/account";
import type { ScanResult } from "../../triage/types";
import {
  ALL_REGIONS,
  ATTACKER_ARN,
  breachedAccount,
  NOW,
} from "../fixtures/triage/breached-account";
import { type AwsMocks, installAwsMocks } from "./mock-aws";

const WEEK_MS = 7 * 86_400_000;

function itemsOf(checklist: Checklist, sectionId: string): ChecklistItem[] {
  return checklist.sections.find((section) => section.id === sectionId)?.items ?? [];
}

function itemTitled(checklist: Checklist, fragment: string): ChecklistItem {
  const item = checklist.sections.flatMap((s) => s.items).find((i) => i.title.includes(fragment));
  if (!item) throw new Error(`no checklist item with "${fragment}"`);
  return item;
}

describe("triage scan of a breached account", () => {
  let aws: AwsMocks;
  let scan: ScanResult;
  let checklist: Checklist;

  before(async () => {
    aws = installAwsMocks(breachedAccount());
    scan = await scanAccount({
      clients: testClients(),
      homeRegion: "us-east-1",
      windowMs: WEEK_MS,
      sinceLabel: "7d",
      now: NOW,
      concurrency: 6,
      retry: instantRetry(),
    });
    checklist = buildChecklist(scan);
  });
  after(() => aws.restore());

  it("scans every enabled region that DescribeRegions returns", () => {
    expect(scan.regions).to.deep.equal(ALL_REGIONS);
    expect(scan.regionScans.map((regionScan) => regionScan.region)).to.deep.equal(ALL_REGIONS);
    expect(scan.accountId).to.equal("123456789012");
  });

  it("orders the checklist as a recovery plan", () => {
    expect(checklist.sections.map((section) => section.id)).to.deep.equal([
      "root",
      "access-keys",
      "iam-users",
      "unknown-resources",
      "detection",
      "support",
    ]);
    expect(checklist.partial).to.equal(false);
  });

  it("asks for a root password change, root key deletion and root MFA", () => {
    expect(itemsOf(checklist, "root").map((item) => item.title)).to.deep.equal([
      "Change the root password",
      "Delete the root access keys",
      "Turn on MFA for the root user",
    ]);
    expect(itemTitled(checklist, "Change the root password").evidence).to.include("root MFA: OFF");
  });

  it("flags the access key created in the window for deletion", () => {
    const fresh = itemTitled(checklist, "AKIAFRESHALICE000002");
    expect(fresh.severity).to.equal("critical");
    expect(fresh.flagged).to.equal(true);
    expect(fresh.evidence).to.include("last used 2025-06-09T22:00:00.000Z with ec2 in sa-east-1");
    expect(fresh.nextAction).to.contain(
      "aws iam update-access-key --user-name alice " +
        "--access-key-id AKIAFRESHALICE000002 --status Inactive",
    );
    expect(itemsOf(checklist, "access-keys").map((item) => item.severity)).to.deep.equal([
      "critical",
      "critical",
    ]);
  });

  it("points at the old key that launched the miners as the leaked one", () => {
    const leaked = itemTitled(checklist, "AKIAOLDDEPLOYBOT0001");
    expect(leaked.title).to.equal(
      "Deactivate access key AKIAOLDDEPLOYBOT0001 of deploy-bot: it launched instances",
    );
    expect(leaked.flagged).to.equal(true);
    expect(leaked.evidence.at(-1)).to.equal(
      "launched in the window: i-0miner0000000aps2 " +
        "(ap-southeast-2), i-0miner0000000eun1 (eu-north-1), i-0miner0000000sae1 (sa-east-1)",
    );
    expect(leaked.target).to.deep.equal({
      kind: "access-key",
      id: "AKIAOLDDEPLOYBOT0001",
      region: "global",
      userName: "deploy-bot",
    });
  });

  it("names who created the new IAM user and asks to remove it", () => {
    const user = itemTitled(checklist, "svc-backup");
    expect(user.title).to.equal("Remove IAM user svc-backup: created in the window");
    expect(user.evidence).to.include(`created 2025-06-08T01:58:00.000Z by ${ATTACKER_ARN}`);
    expect(user.evidence).to.include("MFA: OFF");
    expect(itemTitled(checklist, "console password of alice").title).to.equal(
      "Reset the console password of alice",
    );
  });

  it("lists the IAM changes made in the window with their actor", () => {
    const changes = itemTitled(checklist, "IAM change");
    expect(changes.evidence).to.include(
      `2025-06-08T02:00:00.000Z AttachUserPolicy svc-backup by ${ATTACKER_ARN}`,
    );
  });

  it("flags the miners in all three regions with who launched them", () => {
    const miners = itemsOf(checklist, "unknown-resources").filter(
      (item) => item.target?.kind === "instance",
    );
    expect(miners.map((item) => item.target?.id).sort()).to.deep.equal([
      "i-0miner0000000aps2",
      "i-0miner0000000eun1",
      "i-0miner0000000sae1",
    ]);
    const gpu = itemTitled(checklist, "i-0miner0000000eun1");
    expect(gpu.severity).to.equal("critical");
    expect(gpu.evidence[0]).to.equal(
      `state: running, launched 2025-06-08T02:10:00.000Z by ${ATTACKER_ARN}`,
    );
    expect(gpu.evidence).to.include("key pair: xmr, public IP: 203.0.113.77");
    expect(gpu.evidence.at(-1)).to.equal(
      "why flagged: launched within the window; " +
        "GPU/accelerated instance type p3.16xlarge; eu-north-1 has no other long-lived resources",
    );
    expect(gpu.nextAction).to.contain(
      "aws ec2 terminate-instances --region eu-north-1 --instance-ids i-0miner0000000eun1",
    );
    expect(itemTitled(checklist, "i-0miner0000000sae1").evidence.at(-1)).to.contain(
      "large instance type c5.24xlarge",
    );
  });

  it("leaves the long-lived web server in us-east-1 alone", () => {
    const all = checklist.sections.flatMap((section) => section.items);
    expect(all.some((item) => item.title.includes("i-0web0000000000001"))).to.equal(false);
    expect(all.some((item) => item.title.includes("nightly-report"))).to.equal(false);
  });

  it("flags the new AMI, its snapshot and the persistent spot request", () => {
    expect(itemTitled(checklist, "ami-0bad00000000eun1").target).to.deep.equal({
      kind: "image",
      id: "ami-0bad00000000eun1",
      region: "eu-north-1",
    });
    expect(itemTitled(checklist, "snap-0ami1").title).to.equal(
      "Delete EBS snapshot snap-0ami1 in eu-north-1",
    );
    const spot = itemTitled(checklist, "sir-0aps2miner");
    expect(spot.severity).to.equal("critical");
    expect(spot.nextAction).to.contain("--spot-instance-request-ids sir-0aps2miner");
  });

  it("reports detection gaps per service with the regions concerned", () => {
    expect(itemsOf(checklist, "detection").map((item) => item.title)).to.deep.equal([
      "GuardDuty is off in 4 of 5 region(s)",
      "Security Hub is off in 5 of 5 region(s)",
      "Inspector is off in 5 of 5 region(s)",
    ]);
    expect(itemTitled(checklist, "GuardDuty").evidence).to.deep.equal([
      "off in: ap-southeast-2, eu-north-1, sa-east-1, us-west-2",
    ]);
  });

  it("ends with the support case and the regions to mention in it", () => {
    const support = itemsOf(checklist, "support")[0];
    expect(support.evidence).to.include(
      "regions with flagged resources: ap-southeast-2, eu-north-1, sa-east-1",
    );
  });

  it("sends only read calls when --apply is not used", () => {
    const sent = aws.sentCommands();
    expect(sent).to.include.members(["DescribeInstances", "LookupEvents", "GetAccountSummary"]);
    expect(sent.filter((name) => !/^(Describe|Get|List|Lookup|BatchGet)/.test(name))).to.deep.equal(
      [],
    );
    expect(aws.mutations).to.deep.equal([]);
  });
});
