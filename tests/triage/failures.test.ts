import { expect } from "chai";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { instantRetry, testClients } from "./setup";
import { runCli } from "./run-cli";
import { EXIT } from "../../triage/cli";
import { classifyError } from "../../triage/errors";
import { lookUpProfile } from "../../triage/profiles";
import { scanAccount } from "../../triage/scan/account";
import { breachedAccount, NOW } from "../fixtures/triage/breached-account";
import {
  type AwsMocks,
  awsError,
  credentialsError,
  installAwsMocks,
  networkError,
} from "./mock-aws";

/** A home folder whose ~/.aws files declare only the given profiles. */
function fakeHome(configProfiles: string[], credentialProfiles: string[] = []): string {
  const home = mkdtempSync(join(tmpdir(), "triage-home-"));
  mkdirSync(join(home, ".aws"));
  const config = configProfiles.map((name) =>
    name === "default"
      ? "[default]\nregion = us-east-1\n"
      : `[profile ${name}]\nregion = eu-west-1\n`,
  );
  writeFileSync(join(home, ".aws", "config"), config.join("\n"));
  const credentials = credentialProfiles.map(
    (name) => `[${name}]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n`,
  );
  writeFileSync(join(home, ".aws", "credentials"), credentials.join("\n"));
  return home;
}

describe("triage when nothing can be scanned", () => {
  let aws: AwsMocks;
  beforeEach(() => {
    aws = installAwsMocks(breachedAccount());
  });
  afterEach(() => aws.restore());

  describe("a --profile that does not exist", () => {
    it("names the profile and the files the SDK reads, not 'pass --profile'", async () => {
      aws.fail("us-east-1", "GetCallerIdentity", credentialsError());
      const home = fakeHome(["default", "prod"], ["prod"]);
      const { stdout, stderr, code } = await runCli(["--profile", "breached-account"], {
        findProfile: (flag) => lookUpProfile(flag, {}, home),
      });
      expect(code).to.equal(EXIT.noAccess);
      expect(stdout).to.equal("");
      expect(stderr).to.contain(
        'Nothing could be scanned: profile "breached-account" (--profile) was not found.',
      );
      expect(stderr).to.contain("~/.aws/config as [profile breached-account]");
      expect(stderr).to.contain("~/.aws/credentials as [breached-account]");
      expect(stderr).to.contain("AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE");
      expect(stderr).not.to.contain("Pass --profile NAME");
      expect(aws.sentCommands()).to.deep.equal(["GetCallerIdentity"]);
    });

    it("names the files chosen by AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE", async () => {
      aws.fail("us-east-1", "GetCallerIdentity", credentialsError());
      const dir = mkdtempSync(join(tmpdir(), "triage-env-"));
      const env = {
        AWS_CONFIG_FILE: join(dir, "config"),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, "creds"),
      };
      writeFileSync(env.AWS_CONFIG_FILE, "[profile other]\nregion = us-east-1\n");
      const { stderr, code } = await runCli(["--profile", "breached-account"], {
        findProfile: (flag) => lookUpProfile(flag, env, dir),
      });
      expect(code).to.equal(EXIT.noAccess);
      expect(stderr).to.contain(`${join(dir, "config")} (from AWS_CONFIG_FILE)`);
      expect(stderr).to.contain(`${join(dir, "creds")} (from AWS_SHARED_CREDENTIALS_FILE)`);
    });

    it("says a profile from AWS_PROFILE was not found when no --profile is given", async () => {
      aws.fail("us-east-1", "GetCallerIdentity", credentialsError());
      const home = fakeHome(["default"]);
      const { stderr } = await runCli([], {
        findProfile: (flag) => lookUpProfile(flag, { AWS_PROFILE: "gone" }, home),
      });
      expect(stderr).to.contain('profile "gone" (from AWS_PROFILE) was not found');
    });

    it("tells a profile that exists but yields no credentials from a missing one", async () => {
      const named = Object.assign(
        new Error(
          "Could not resolve credentials using profile: [breached-account] in " +
            "configuration/credentials file(s).",
        ),
        { name: "CredentialsProviderError" },
      );
      aws.fail("us-east-1", "GetCallerIdentity", named);
      const home = fakeHome(["breached-account"]);
      const { stderr, code } = await runCli(["--profile", "breached-account"], {
        findProfile: (flag) => lookUpProfile(flag, {}, home),
      });
      expect(code).to.equal(EXIT.noAccess);
      expect(stderr).to.contain("using profile: [breached-account]");
      expect(stderr).to.contain('profile "breached-account" (--profile) exists but gave no');
      expect(stderr).not.to.contain("was not found");
    });
  });

  describe("credentials that fail outright", () => {
    it("prints a short failure instead of a checklist, and writes no report file", async () => {
      aws.fail("us-east-1", "GetCallerIdentity", credentialsError());
      const markdownPath = join(mkdtempSync(join(tmpdir(), "triage-md-")), "ticket.md");
      const written: string[] = [];
      const { stdout, stderr, code } = await runCli(["--markdown", markdownPath], {
        writeFile: (path) => written.push(path),
      });
      expect(code).to.equal(EXIT.noAccess);
      expect(stdout).to.equal("");
      expect(written).to.deep.equal([]);
      for (const noise of ["PARTIAL REPORT", "Account unknown", "0 region(s)", "[ ]"]) {
        expect(stderr).not.to.contain(noise);
      }
      const lines = stderr.trim().split("\n");
      expect(lines[0]).to.equal(
        "Nothing could be scanned: CredentialsProviderError: Could not load credentials from " +
          "any providers",
      );
      expect(lines[1]).to.contain("Failed: the first call, sts:GetCallerIdentity in us-east-1");
      expect(lines[2]).to.contain("Next:   No AWS credentials were found.");
      expect(lines).to.have.length(4);
    });

    it("says which session expired and how to log in again", async () => {
      aws.fail(
        "*",
        "GetCallerIdentity",
        awsError("ExpiredToken", "The security token included in the request is expired", 403),
      );
      const { stdout, stderr, code } = await runCli(["--home-region", "eu-west-1"]);
      expect(code).to.equal(EXIT.noAccess);
      expect(stdout).to.equal("");
      expect(stderr).to.contain("Nothing could be scanned: ExpiredToken");
      expect(stderr).to.contain("sts:GetCallerIdentity in eu-west-1");
      expect(stderr).to.contain("aws sso login");
    });
  });

  describe("an unreachable network", () => {
    const failures = [
      "ENOTFOUND",
      "EAI_AGAIN",
      "ECONNREFUSED",
      "ETIMEDOUT",
      "ECONNRESET",
      "NetworkingError",
      "TimeoutError",
    ];
    for (const failure of failures) {
      it(`recognises ${failure} as the network or endpoint being unreachable`, () => {
        const classified = classifyError(networkError(failure));
        expect(classified.kind).to.equal("network");
        expect(classified.reason).to.match(new RegExp(`^${failure}: `));
        expect(classified.advice).to.contain("network or the AWS endpoint is unreachable");
      });
    }

    it("recognises a connection failure Node reports as an AggregateError", () => {
      const aggregate = new AggregateError(
        [networkError("ECONNREFUSED"), networkError("ECONNREFUSED")],
        "",
      );
      expect(classifyError(aggregate).kind).to.equal("network");
    });

    it("stops after the first call with one message instead of a report of blind spots", async () => {
      aws.fail("us-east-1", "GetCallerIdentity", networkError("EAI_AGAIN"));
      const { stdout, stderr, code } = await runCli([]);
      expect(code).to.equal(EXIT.noAccess);
      expect(stdout).to.equal("");
      expect(stderr).to.contain(
        "Nothing could be scanned: EAI_AGAIN: getaddrinfo EAI_AGAIN sts.us-east-1.amazonaws.com",
      );
      expect(stderr).to.contain("The network or the AWS endpoint is unreachable");
      expect(stderr).not.to.contain("Run again; if it persists");
      expect(stderr.trim().split("\n")).to.have.length(4);
      expect(aws.sentCommands()).to.deep.equal(["GetCallerIdentity"]);
    });

    it("reports an endpoint unreachable in one region as a gap that says so", async () => {
      aws.fail("sa-east-1", "DescribeInstances", networkError("ETIMEDOUT", "ec2.sa-east-1"));
      const scan = await scanAccount({
        clients: testClients(),
        homeRegion: "us-east-1",
        windowMs: 7 * 86_400_000,
        now: NOW,
        concurrency: 3,
        retry: instantRetry(),
      });
      expect(scan.aborted).to.equal(false);
      const gaps = scan.regionScans.flatMap((regionScan) => regionScan.gaps);
      expect(gaps.map((gap) => [gap.region, gap.what, gap.kind])).to.deep.equal([
        ["sa-east-1", "EC2 instances", "network"],
      ]);
      expect(gaps[0].advice).to.contain("network or the AWS endpoint is unreachable");
    });
  });
});
