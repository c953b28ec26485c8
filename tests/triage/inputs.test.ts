import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./run-cli";
import { parseArgs } from "../../triage/args";
import { EXIT } from "../../triage/cli";
import { checkOutputs, type PathProbe, unwritableReason } from "../../triage/outputs";
import { lookUpProfile, profileFiles, profileNames } from "../../triage/profiles";
import { breachedAccount } from "../fixtures/triage/breached-account";
import { type AwsMocks, installAwsMocks } from "./mock-aws";

/** A fake file system: paths mapped to their kind, and the set of writable paths. */
function fakeDisk(
  kinds: Record<string, "file" | "directory" | "other">,
  writable: string[],
): PathProbe {
  return {
    kindOf: (path) => kinds[path],
    writable: (path) => writable.includes(path),
  };
}

describe("triage input checks", () => {
  describe("--home-region", () => {
    it("rejects a name that is not a region, like --regions does", async () => {
      const { stderr, code } = await runCli(["--home-region", "nowhere"]);
      expect(code).to.equal(EXIT.usage);
      expect(stderr).to.equal(
        'aws-threat-triage: --home-region "nowhere" is not a region name ' +
          "(expected e.g. us-east-1).\n",
      );
    });

    it("accepts a real region and keeps us-east-1 as the default", () => {
      expect(parseArgs(["--home-region", "eu-central-1"]).homeRegion).to.equal("eu-central-1");
      expect(parseArgs([]).homeRegion).to.equal("us-east-1");
    });
  });

  describe("--since", () => {
    for (const argv of [["--since", "-3d"], ["--since=-3d"]]) {
      it(`says ${argv.join(" ")} must be a positive duration and how one is written`, async () => {
        const { stderr, code } = await runCli(argv);
        expect(code).to.equal(EXIT.usage);
        expect(stderr).to.contain('--since "-3d" must be a positive duration');
        expect(stderr).to.contain("e.g. 90m, 12h, 3d or 2w");
        expect(stderr).not.to.contain("needs a value");
        expect(stderr.trim().split("\n")).to.have.length(1);
      });
    }

    it("still says a value is missing when the next word is an option", async () => {
      const { stderr } = await runCli(["--since", "--json", "-"]);
      expect(stderr).to.contain("--since needs a value.");
    });

    it("reads a negative --concurrency as a value out of range", async () => {
      const { stderr } = await runCli(["--concurrency", "-2"]);
      expect(stderr).to.contain('--concurrency "-2" must be a whole number from 1 to 20.');
    });
  });

  describe("output paths", () => {
    const disk = fakeDisk(
      {
        "/reports": "directory",
        "/reports/old.md": "file",
        "/locked": "directory",
        "/locked/ticket.md": "file",
        "/etc/passwd": "file",
        "/dev/stdout": "other",
      },
      ["/reports", "/reports/old.md", "/dev/stdout"],
    );

    it("accepts a new or existing writable file, and a writable device", () => {
      expect(unwritableReason("/reports/new.json", disk)).to.equal(undefined);
      expect(unwritableReason("/reports/old.md", disk)).to.equal(undefined);
      expect(unwritableReason("/dev/stdout", disk)).to.equal(undefined);
    });

    it("explains each path that cannot be written", () => {
      expect(unwritableReason("/missing/ticket.md", disk)).to.equal(
        "the directory /missing does not exist",
      );
      expect(unwritableReason("/locked/new.md", disk)).to.equal(
        "the directory /locked is not writable",
      );
      expect(unwritableReason("/locked/ticket.md", disk)).to.equal("the file is not writable");
      expect(unwritableReason("/reports", disk)).to.equal("it is a directory; give a file name");
      expect(unwritableReason("/etc/passwd/x.md", disk)).to.equal("/etc/passwd is not a directory");
    });

    it("lists every bad output in one error and leaves --json - alone", () => {
      const args = parseArgs([
        "--json",
        "-",
        "--markdown",
        "/missing/ticket.md",
        "--apply",
        "--audit-log",
        "/locked/audit.jsonl",
      ]);
      expect(() => checkOutputs(args, disk)).to.throw(
        "--markdown /missing/ticket.md cannot be written: the directory /missing does not " +
          "exist.\n--audit-log /locked/audit.jsonl cannot be written: the directory /locked is " +
          "not writable.\nNothing was scanned",
      );
    });

    describe("on the command line", () => {
      let aws: AwsMocks;
      beforeEach(() => {
        aws = installAwsMocks(breachedAccount());
      });
      afterEach(() => aws.restore());

      it("rejects a --markdown file in a missing directory before any AWS call", async () => {
        const missing = join(mkdtempSync(join(tmpdir(), "triage-out-")), "nope", "ticket.md");
        const { stdout, stderr, code } = await runCli(["--markdown", missing]);
        expect(code).to.equal(EXIT.usage);
        expect(stdout).to.equal("");
        expect(stderr).to.contain(`aws-threat-triage: --markdown ${missing} cannot be written`);
        expect(stderr).to.contain("does not exist");
        expect(aws.sentCommands()).to.deep.equal([]);
      });

      it("rejects a --json path that is a directory before any AWS call", async () => {
        const directory = mkdtempSync(join(tmpdir(), "triage-out-"));
        const { stderr, code } = await runCli(["--json", directory]);
        expect(code).to.equal(EXIT.usage);
        expect(stderr).to.contain(`--json ${directory} cannot be written: it is a directory`);
        expect(aws.sentCommands()).to.deep.equal([]);
      });
    });
  });

  describe("profile lookup", () => {
    it("reads profile names from both file styles and skips other section types", () => {
      const text = [
        "[default]",
        "region = us-east-1",
        "[profile breached-account]",
        "[ profile  spaced ]",
        "[sso-session corp]",
        "[services local]",
        "; [profile commented]",
        "[plain]",
      ].join("\n");
      expect(profileNames(text)).to.deep.equal(["default", "breached-account", "spaced", "plain"]);
    });

    it("uses ~/.aws unless AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE says otherwise", () => {
      expect(profileFiles({}, "/home/me").map((file) => file.path)).to.deep.equal([
        "/home/me/.aws/config",
        "/home/me/.aws/credentials",
      ]);
      const custom = profileFiles({ AWS_SHARED_CREDENTIALS_FILE: "/secrets/creds" }, "/home/me");
      expect(custom.map((file) => file.label)).to.deep.equal([
        "~/.aws/config",
        "/secrets/creds (from AWS_SHARED_CREDENTIALS_FILE)",
      ]);
    });

    it("finds a profile declared only in the credentials file, and prefers --profile", () => {
      const dir = mkdtempSync(join(tmpdir(), "triage-profiles-"));
      const env = {
        AWS_CONFIG_FILE: join(dir, "absent"),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials"),
        AWS_PROFILE: "from-env",
      };
      writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, "[breached-account]\naws_access_key_id=x\n");
      expect(lookUpProfile("breached-account", env, dir)).to.include({
        name: "breached-account",
        source: "--profile",
        found: true,
      });
      expect(lookUpProfile(undefined, env, dir)).to.include({
        source: "AWS_PROFILE",
        found: false,
      });
      expect(lookUpProfile(undefined, {}, dir)).to.equal(undefined);
    });
  });
});
