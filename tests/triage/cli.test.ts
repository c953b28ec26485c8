import { expect } from "chai";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "../../triage/args";
import { EXIT } from "../../triage/cli";
import { breachedAccount } from "../fixtures/triage/breached-account";
import { type AwsMocks, awsError, credentialsError, installAwsMocks } from "./mock-aws";
import { runCli } from "./run-cli";

describe("triage command line", () => {
  it("documents every option in --help", async () => {
    const { stdout, code } = await runCli(["--help"]);
    expect(code).to.equal(EXIT.complete);
    for (const option of [
      "--profile",
      "--regions",
      "--since",
      "--json",
      "--markdown",
      "--apply",
      "--select",
      "--yes",
      "--terminate",
      "--audit-log",
      "--concurrency",
      "Exit codes",
    ]) {
      expect(stdout).to.contain(option);
    }
  });

  it("reads regions as a comma list or as separate words", () => {
    expect(parseArgs(["--regions", "us-east-1,eu-west-1"]).regions).to.deep.equal([
      "us-east-1",
      "eu-west-1",
    ]);
    expect(parseArgs(["--regions", "us-east-1", "eu-west-1", "--since=12h"])).to.include({
      since: "12h",
      windowMs: 12 * 3_600_000,
    });
    expect(parseArgs([]).concurrency).to.equal(6);
  });

  const badInputs: [string[], string][] = [
    [["--since", "7x"], '--since "7x" is not a duration. Use a number and a unit'],
    [["--since", "365d"], '--since "365d" must be between 1m and 90d.'],
    [["--bogus"], 'Unknown option "--bogus". Run with --help for the options.'],
    [["--regions", "mars-1"], '"mars-1" is not a region name (expected e.g. us-east-1).'],
    [["--json"], "--json needs a value. Run with --help for the options."],
    [["--concurrency", "0"], '--concurrency "0" must be a whole number from 1 to 20.'],
    [["--yes"], "--yes only makes sense with --apply."],
    [["--apply", "--yes"], "--yes is refused without an explicit --select list"],
    [["--apply", "--select", "vm:i-1"], '--select: "vm:i-1" is not a step id'],
  ];
  for (const [argv, message] of badInputs) {
    it(`rejects ${argv.join(" ")} with exit code 2 and a one-line reason`, async () => {
      const { stderr, code } = await runCli(argv);
      expect(code).to.equal(EXIT.usage);
      expect(stderr).to.contain(`aws-threat-triage: ${message}`);
      expect(stderr.trim().split("\n")).to.have.length(1);
    });
  }

  it("refuses --apply without a terminal unless steps are selected with --yes", async () => {
    const { stderr, code } = await runCli(["--apply"]);
    expect(code).to.equal(EXIT.usage);
    expect(stderr).to.contain("--apply asks before every change and needs a terminal");
  });

  describe("against a mocked breached account", () => {
    let aws: AwsMocks;
    beforeEach(() => {
      aws = installAwsMocks(breachedAccount());
    });
    afterEach(() => aws.restore());

    it("prints the checklist and exits 0 when everything was read", async () => {
      const { stdout, code } = await runCli(["--regions", "eu-north-1,us-east-1"]);
      expect(code).to.equal(EXIT.complete);
      expect(stdout).to.contain("1. Root credentials");
      expect(stdout).to.contain(
        "Terminate instance i-0miner0000000eun1 (p3.16xlarge) in eu-north-1",
      );
      expect(stdout).not.to.contain("PARTIAL REPORT");
    });

    it("writes JSON to stdout and Markdown to a file, and exits 1 on a partial report", async () => {
      aws.fail(
        "sa-east-1",
        "ListFunctions",
        awsError("AccessDeniedException", "not authorized to perform lambda:ListFunctions", 403),
      );
      const markdownPath = join(mkdtempSync(join(tmpdir(), "triage-md-")), "ticket.md");
      const { stdout, stderr, code } = await runCli(["--json", "-", "--markdown", markdownPath]);
      expect(code).to.equal(EXIT.partial);
      const report = JSON.parse(stdout);
      expect(report.checklist.partial).to.equal(true);
      expect(report.checklist.gaps[0]).to.include({
        region: "sa-east-1",
        what: "Lambda functions",
      });
      expect(report.scan.iam.rootAccessKeysPresent).to.equal(true);
      const markdown = readFileSync(markdownPath, "utf8");
      expect(markdown).to.contain("## 4. Resources nobody recognises");
      expect(markdown).to.contain(
        "`aws ec2 terminate-instances --region sa-east-1 " + "--instance-ids i-0miner0000000sae1`",
      );
      expect(stderr).to.contain(`Wrote ${markdownPath}`);
    });

    it("exits 3 with a clear sentence and no stack trace when there are no credentials", async () => {
      aws.fail("us-east-1", "GetCallerIdentity", credentialsError());
      const { stderr, code } = await runCli([]);
      expect(code).to.equal(EXIT.noAccess);
      expect(stderr).to.contain("Nothing could be scanned: CredentialsProviderError");
      expect(stderr).to.contain("Pass --profile NAME");
      expect(stderr).not.to.match(/\n\s+at /);
    });

    it("applies only what was confirmed and records it in the audit log", async () => {
      const auditPath = join(mkdtempSync(join(tmpdir(), "triage-apply-")), "audit.jsonl");
      const { code } = await runCli(
        ["--regions", "eu-north-1", "--apply", "--terminate", "--audit-log", auditPath],
        { confirm: async (q) => q.startsWith("Deregister AMI") },
      );
      expect(code).to.equal(EXIT.complete);
      expect(aws.mutations.map((call) => call.command)).to.deep.equal(["DeregisterImage"]);
      const phases = readFileSync(auditPath, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line))
        .filter((line) => line.action !== "none")
        .map((line) => `${line.phase} ${line.resource}`);
      expect(phases).to.deep.equal([
        "intent ami-0bad00000000eun1",
        "succeeded ami-0bad00000000eun1",
      ]);
    });
  });
});
