import { expect } from "chai";
import { execFile } from "child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { DEFAULT_ENABLED_REGIONS } from "../../lib/regions";
import { stackNameOfFile } from "../../tools/plan";

const PROJECT_DIR = join(__dirname, "..", "..");
const TS_NODE = require.resolve("ts-node/dist/bin.js");

interface PlanRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run plan -- ARGS`, as a child process of its own. */
function plan(args: string[]): Promise<PlanRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [TS_NODE, "--transpile-only", "tools/plan.ts", ...args],
      { cwd: PROJECT_DIR, timeout: 120_000 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === "number" ? err.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const SINGLE_ACCOUNT_STACK = `config:
  aws:region: us-east-1
  aws-threat-detection:alerts:
    emails: [security@example.com]
`;

const BAD_STACK = `config:
  aws:region: us-east-1
  aws-threat-detection:alerts:
    emails: [security-at-example.com]
    minSeverity: URGENT
  aws-threat-detection:securityHub:
    standards: [fsbp, soc2]
  aws-threat-detection:colour: blue
`;

describe("npm run plan", function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "plan-test-"));
    writeFileSync(join(dir, "Pulumi.single.yaml"), SINGLE_ACCOUNT_STACK);
    writeFileSync(join(dir, "Pulumi.bad.yaml"), BAD_STACK);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe("for a valid single-account stack", () => {
    let run: PlanRun;
    let json: any;
    before(async () => {
      const file = join(dir, "plan.json");
      // No --stack: the stack is named after the file, Pulumi.single.yaml.
      run = await plan(["--stack-file", join(dir, "Pulumi.single.yaml"), "--json", file]);
      json = run.code === 0 ? JSON.parse(readFileSync(file, "utf8")) : undefined;
    });

    it("exits 0 and prints the plan", () => {
      expect(run.code, run.stderr).to.equal(0);
      expect(run.stdout).to.include("Plan for aws-threat-detection/single (single-account)");
    });

    it("writes the plan as JSON with the project, stack, mode, home region and covered regions", () => {
      expect(json).to.deep.include({
        project: "aws-threat-detection",
        stack: "single",
        mode: "single-account",
        homeRegion: "us-east-1",
      });
      expect([...json.regions].sort()).to.deep.equal([...DEFAULT_ENABLED_REGIONS].sort());
      expect(json.outputs.alertTopicArn).to.match(/^arn:aws:sns:us-east-1:123456789012:/);
    });

    it("describes each resource with everything the policy runner reads", () => {
      const fields = [
        "urn",
        "type",
        "name",
        "parent",
        "provider",
        "account",
        "region",
        "inputs",
        "outputs",
        "dependsOn",
        "protect",
        "retainOnDelete",
        "import",
      ];
      expect(json.resources.length).to.be.greaterThan(200);
      for (const resource of json.resources) expect(resource).to.include.all.keys(...fields);
      const detector = json.resources.find(
        (r: any) => r.type === "aws:guardduty/detector:Detector",
      );
      expect(detector).to.deep.include({
        account: "123456789012",
        retainOnDelete: true,
        protect: false,
        import: null,
      });
      expect(detector.inputs.region).to.equal(detector.region);
    });
  });

  it("covers the regions given with --enabled-regions", async () => {
    const file = join(dir, "enabled.json");
    const run = await plan([
      "--stack-file",
      join(dir, "Pulumi.single.yaml"),
      "--enabled-regions",
      "us-east-1,eu-west-1,af-south-1",
      "--json",
      file,
    ]);
    expect(run.code, run.stderr).to.equal(0);
    expect(JSON.parse(readFileSync(file, "utf8")).regions).to.deep.equal([
      "us-east-1",
      "af-south-1",
      "eu-west-1",
    ]);
  });

  it("exits 2 and lists every problem of a bad stack file", async () => {
    const run = await plan(["--stack-file", join(dir, "Pulumi.bad.yaml")]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include("Invalid stack config (4 problems)");
    for (const key of [
      "aws-threat-detection:colour",
      "aws-threat-detection:alerts.emails[0]",
      "aws-threat-detection:alerts.minSeverity",
      "aws-threat-detection:securityHub.standards[1]",
    ]) {
      expect(run.stderr).to.include(`  - ${key}: `);
    }
  });

  it("exits 2 before planning when --json points into a folder that does not exist", async () => {
    const run = await plan(["--json", join(dir, "missing", "plan.json")]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include(`--json: cannot write ${join(dir, "missing", "plan.json")}`);
    expect(run.stdout).to.not.include("Plan for");
  });

  it("exits 2 before planning when --json names a folder", async () => {
    const run = await plan(["--json", dir]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include(`--json: ${dir} is a folder; give a file name`);
  });

  it("names a stack after its file, as Pulumi does", () => {
    expect(stackNameOfFile("/somewhere/Pulumi.staging.yaml")).to.equal("staging");
    expect(stackNameOfFile("team-a.yml")).to.equal("team-a");
  });

  it("exits 2 on an unknown flag, with the usage", async () => {
    const run = await plan(["--stak", "prod"]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include("Usage: npm run plan");
  });
});
