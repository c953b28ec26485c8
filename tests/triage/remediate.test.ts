import { expect } from "chai";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { instantRetry, testClients } from "./setup";
import { type AuditRecord, FileAuditLog } from "../../triage/audit";
import { buildChecklist, type Checklist } from "../../triage/checklist";
import { type ApplyOptions, applySteps, planSteps } from "../../triage/remediate";
import { scanAccount } from "../../triage/scan/account";
import { breachedAccount, NOW } from "../fixtures/triage/breached-account";
import { type AwsMocks, awsError, installAwsMocks } from "./mock-aws";

describe("triage --apply", () => {
  let aws: AwsMocks;
  let checklist: Checklist;
  let journal: string[];
  let questions: string[];

  beforeEach(async () => {
    aws = installAwsMocks(breachedAccount());
    checklist = buildChecklist(
      await scanAccount({
        clients: testClients(),
        homeRegion: "us-east-1",
        windowMs: 7 * 86_400_000,
        now: NOW,
        concurrency: 6,
        retry: instantRetry(),
      }),
    );
    Object.values(aws.mocks).forEach((mock) => mock.resetHistory());
    journal = [];
    questions = [];
  });
  afterEach(() => aws.restore());

  /** Options whose audit sink and confirmation write to the same journal as the mocks. */
  function applyOptions(
    answer: (question: string) => boolean,
    extra: Partial<ApplyOptions> = {},
  ): ApplyOptions {
    return {
      clients: testClients(),
      audit: {
        write: (record: AuditRecord) =>
          journal.push(`audit ${record.phase} ${record.action} ${record.resource}`),
      },
      retry: instantRetry(),
      instanceAction: "terminate",
      confirm: async (question) => {
        questions.push(question);
        return answer(question);
      },
      yes: false,
      log: () => {},
      ...extra,
    };
  }

  it("plans keys first, then spot requests, instances and AMIs, with --select ids", () => {
    expect(planSteps(checklist, "terminate").map((step) => step.id)).to.deep.equal([
      "key:AKIAFRESHALICE000002",
      "key:AKIAOLDDEPLOYBOT0001",
      "spot:sir-0aps2miner",
      "instance:i-0miner0000000aps2",
      "instance:i-0miner0000000eun1",
      "instance:i-0miner0000000sae1",
      "image:ami-0bad00000000eun1",
    ]);
  });

  it("changes nothing when every question is answered no", async () => {
    const steps = planSteps(checklist, "terminate");
    const outcomes = await applySteps(
      steps,
      applyOptions(() => false),
    );
    expect(questions).to.have.length(steps.length);
    expect(questions[0]).to.equal(
      "Deactivate access key AKIAFRESHALICE000002 of IAM user alice? [y/N] ",
    );
    expect(outcomes.every((outcome) => outcome.status === "declined")).to.equal(true);
    expect(aws.mutations).to.deep.equal([]);
    expect(aws.sentCommands()).to.deep.equal([]);
  });

  it("refuses --yes without an explicit selection", async () => {
    const steps = planSteps(checklist, "terminate");
    let message = "";
    try {
      await applySteps(
        steps,
        applyOptions(() => true, { yes: true }),
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.equal("--yes needs an explicit --select list of the steps to run.");
    expect(aws.mutations).to.deep.equal([]);
  });

  it("runs only the selected steps under --yes, without asking", async () => {
    const selection = new Set(["key:AKIAOLDDEPLOYBOT0001", "image:ami-0bad00000000eun1"]);
    await applySteps(
      planSteps(checklist, "terminate"),
      applyOptions(() => false, { yes: true, selection }),
    );
    expect(questions).to.deep.equal([]);
    expect(aws.mutations.map((call) => [call.command, call.region, call.input])).to.deep.equal([
      [
        "UpdateAccessKey",
        "us-east-1",
        { UserName: "deploy-bot", AccessKeyId: "AKIAOLDDEPLOYBOT0001", Status: "Inactive" },
      ],
      ["DeregisterImage", "eu-north-1", { ImageId: "ami-0bad00000000eun1" }],
    ]);
  });

  it("snapshots the volumes before terminating, after writing the audit line", async () => {
    const steps = planSteps(checklist, "terminate").filter(
      (step) => step.id === "instance:i-0miner0000000eun1",
    );
    const options = applyOptions((question) => question.startsWith("Snapshot"));
    const mutationsSeen: number[] = [];
    options.audit = {
      write: (record) => {
        mutationsSeen.push(aws.mutations.length);
        journal.push(`audit ${record.phase} ${record.action} ${record.resource}`);
      },
    };
    const outcomes = await applySteps(steps, options);
    expect(outcomes.map((outcome) => outcome.status)).to.deep.equal(["done"]);
    expect(journal).to.deep.equal([
      "audit intent ec2:CreateSnapshot vol-0eun1",
      "audit succeeded ec2:CreateSnapshot vol-0eun1",
      "audit intent ec2:TerminateInstances i-0miner0000000eun1",
      "audit succeeded ec2:TerminateInstances i-0miner0000000eun1",
    ]);
    // Each intent line was written while the matching call had not been sent yet.
    expect(mutationsSeen).to.deep.equal([0, 1, 1, 2]);
    expect(aws.mutations[0].input.Description).to.equal(
      "aws-threat-triage evidence of i-0miner0000000eun1",
    );
  });

  it("does not terminate an instance whose snapshot failed", async () => {
    aws.fail("sa-east-1", "CreateSnapshot", awsError("UnauthorizedOperation", "denied", 403));
    const steps = planSteps(checklist, "terminate").filter(
      (step) => step.id === "instance:i-0miner0000000sae1",
    );
    const outcomes = await applySteps(
      steps,
      applyOptions(() => true),
    );
    expect(outcomes[0].status).to.equal("failed");
    expect(outcomes[0].error).to.equal(
      "ec2:CreateSnapshot vol-0sae1 failed: UnauthorizedOperation: denied",
    );
    expect(aws.sentCommands()).to.deep.equal(["CreateSnapshot"]);
    expect(aws.mutations).to.deep.equal([]);
  });

  it("keeps going in other regions when one region fails", async () => {
    aws.fail(
      "eu-north-1",
      "TerminateInstances",
      awsError("UnauthorizedOperation", "You are not authorized to perform this operation.", 403),
    );
    const steps = planSteps(checklist, "stop").filter((step) => step.id.startsWith("instance:"));
    const outcomes = await applySteps(
      steps,
      applyOptions(() => true, { instanceAction: "stop" }),
    );
    expect(outcomes.map((outcome) => outcome.status)).to.deep.equal(["done", "done", "done"]);
    aws.mutations.length = 0;
    const terminated = await applySteps(
      steps,
      applyOptions(() => true),
    );
    expect(terminated.map((outcome) => [outcome.step.region, outcome.status])).to.deep.equal([
      ["ap-southeast-2", "done"],
      ["eu-north-1", "failed"],
      ["sa-east-1", "done"],
    ]);
    expect(
      aws.mutations
        .filter((call) => call.command === "TerminateInstances")
        .map((call) => call.region),
    ).to.deep.equal(["ap-southeast-2", "sa-east-1"]);
  });

  it("writes every change to the audit log file as JSON lines", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "triage-audit-")), "audit.jsonl");
    const audit = new FileAuditLog(path, () => NOW);
    aws.fail(
      "ap-southeast-2",
      "CancelSpotInstanceRequests",
      awsError("InvalidSpotInstanceRequestID.NotFound", "The spot request does not exist"),
    );
    const steps = planSteps(checklist, "terminate").filter(
      (step) => step.id === "key:AKIAFRESHALICE000002" || step.id.startsWith("spot:"),
    );
    await applySteps(
      steps,
      applyOptions(() => true, { audit }),
    );
    audit.close();
    const lines = readFileSync(path, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(
      lines.map((line) => [line.phase, line.action, line.resource, line.region]),
    ).to.deep.equal([
      ["intent", "iam:UpdateAccessKey Inactive", "AKIAFRESHALICE000002", "global"],
      ["succeeded", "iam:UpdateAccessKey Inactive", "AKIAFRESHALICE000002", "global"],
      ["intent", "ec2:CancelSpotInstanceRequests", "sir-0aps2miner", "ap-southeast-2"],
      ["failed", "ec2:CancelSpotInstanceRequests", "sir-0aps2miner", "ap-southeast-2"],
    ]);
    expect(lines[3].detail).to.equal(
      "InvalidSpotInstanceRequestID.NotFound: The spot request does not exist",
    );
    expect(lines[0].time).to.equal("2025-06-10T12:00:00.000Z");
  });
});
