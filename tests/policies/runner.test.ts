import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { StackValidationPolicy } from "@pulumi/policy";
import { POLICIES } from "../../policies/pack";
import { Plan, planStack } from "../../tools/planStack";
import { runPolicyCommand } from "../../tools/policy";
import {
  PackConfigError,
  durationSeconds,
  formatViolations,
  runPolicyPack,
} from "../../tools/policyRunner";

const projectDir = path.resolve(__dirname, "../..");

function captured() {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    output: {
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { write: (t: string) => (out.stderr += t) },
    },
  };
}

function writeTemp(name: string, content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-test-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

/** The plan with the alert topic on the AWS-managed key and eu-west-1's detector removed. */
function plantFaults(plan: Plan): Plan {
  const resources = plan.resources
    .filter((r) => !(r.type === "aws:guardduty/detector:Detector" && r.region === "eu-west-1"))
    .map((r) => {
      if (r.type !== "aws:sns/topic:Topic") return r;
      const key = { kmsMasterKeyId: "alias/aws/sns" };
      return { ...r, inputs: { ...r.inputs, ...key }, outputs: { ...r.outputs, ...key } };
    });
  return { ...plan, resources };
}

describe("the policy pack on offline plans", () => {
  let prod: Plan;
  before(async () => {
    prod = await planStack({ projectDir, stack: "prod" });
  });

  it("finds no violation in the prod plan", async () => {
    expect(formatViolations(await runPolicyPack(prod.resources), POLICIES.length)).to.equal(
      `Policies: all ${POLICIES.length} passed.`,
    );
  });

  it("names both planted faults and counts them as mandatory", async () => {
    const violations = await runPolicyPack(plantFaults(prod).resources);
    expect(violations.map((v) => [v.policyName, v.enforcementLevel])).to.deep.equal([
      ["detection-in-every-covered-region", "mandatory"],
      ["sns-topic-customer-managed-key", "mandatory"],
    ]);
  });

  it("lowers a policy to advisory through pack config", async () => {
    const config = {
      "sns-topic-customer-managed-key": "advisory" as const,
      "detection-in-every-covered-region": "disabled" as const,
    };
    const violations = await runPolicyPack(plantFaults(prod).resources, { config });
    expect(violations.map((v) => [v.policyName, v.enforcementLevel])).to.deep.equal([
      ["sns-topic-customer-managed-key", "advisory"],
    ]);
  });

  it('lowers every policy with "all", while a policy\'s own entry still wins', async () => {
    const config = {
      all: "advisory" as const,
      "detection-in-every-covered-region": { enforcementLevel: "mandatory" as const },
    };
    const violations = await runPolicyPack(plantFaults(prod).resources, { config });
    expect(violations.map((v) => [v.policyName, v.enforcementLevel])).to.deep.equal([
      ["detection-in-every-covered-region", "mandatory"],
      ["sns-topic-customer-managed-key", "advisory"],
    ]);
  });

  it("rejects a bad pack config before any policy runs", async () => {
    let ran = false;
    const spy: StackValidationPolicy = {
      name: "spy",
      description: "records that it ran",
      validateStack: () => {
        ran = true;
      },
    };
    const run = runPolicyPack(prod.resources, {
      policies: [spy],
      config: { spy: "advisry" as never, sp: "advisory" },
    });
    const err = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(PackConfigError);
    expect((err as PackConfigError).problems).to.have.length(2);
    expect(ran).to.equal(false);
  });

  it("makes npm run policy exit 1 and name the faults of a planted plan file", async () => {
    const file = writeTemp("plan.json", plantFaults(prod));
    const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", "tools/policy.ts", "--plan", file],
        { cwd: projectDir },
        (err, stdout) => resolve({ code: err === null ? 0 : Number(err.code), stdout }),
      );
    });
    expect(result.code, result.stdout).to.equal(1);
    expect(result.stdout).to.include("[mandatory] sns-topic-customer-managed-key");
    expect(result.stdout).to.include("uses the AWS-managed key alias/aws/sns");
    expect(result.stdout).to.include("eu-west-1 is covered but has no enabled GuardDuty detector");
  });
});

describe("the policy run summary", () => {
  let plan: string;
  before(async () => {
    plan = writeTemp("plan.json", await planStack({ projectDir, stack: "prod" }));
  });

  const summary = async (config: unknown) => {
    const { out, output } = captured();
    const file = writeTemp("config.json", config);
    expect(await runPolicyCommand(["--plan", plan, "--config", file], output)).to.equal(0);
    return out.stdout.trim();
  };

  it('says "all passed" when every policy ran', async () => {
    expect(await summary({})).to.equal(`Policies: all ${POLICIES.length} passed.`);
  });

  it("does not say all passed when every policy is disabled", async () => {
    expect(await summary({ all: "disabled" })).to.equal(
      `Policies: none ran, all ${POLICIES.length} are disabled.`,
    );
  });

  it("says how many ran and how many are disabled", async () => {
    expect(await summary({ "kms-key-rotation": "disabled" })).to.equal(
      `Policies: ${POLICIES.length - 1} of ${POLICIES.length} ran and passed, 1 disabled.`,
    );
  });

  it("counts the disabled policies after the violations", () => {
    const violation = {
      policyName: "p",
      description: "d",
      enforcementLevel: "mandatory" as const,
      message: "m",
    };
    expect(formatViolations([violation], { total: 21, disabled: 2 })).to.match(
      /1 violation\(s\): 1 mandatory, 0 advisory; policies: 19 of 21 ran, 2 disabled\.$/,
    );
  });
});

describe("npm run policy arguments", () => {
  it("exits 2 with the usage when --plan is missing", async () => {
    const { out, output } = captured();
    expect(await runPolicyCommand([], output)).to.equal(2);
    expect(out.stderr).to.include("--plan FILE is required").and.include("Usage: npm run policy");
  });

  it("exits 2 when the plan cannot be read", async () => {
    const { out, output } = captured();
    expect(
      await runPolicyCommand(["--plan", path.join(os.tmpdir(), "no-such-plan.json")], output),
    ).to.equal(2);
    expect(out.stderr).to.include("Cannot read the plan");
  });

  it("exits 2 when the file is JSON but not a plan", async () => {
    const { out, output } = captured();
    expect(
      await runPolicyCommand(["--plan", writeTemp("x.json", { stack: "prod" })], output),
    ).to.equal(2);
    expect(out.stderr).to.include('has no "resources" list');
  });

  it("exits 2 when the pack config is not an object", async () => {
    const { out, output } = captured();
    const plan = writeTemp("plan.json", { resources: [] });
    expect(
      await runPolicyCommand(["--plan", plan, "--config", writeTemp("c.json", "[]")], output),
    ).to.equal(2);
    expect(out.stderr).to.include("pack config must be an object");
  });

  it("exits 2 and lists every problem of a pack config that does not fit the pack", async () => {
    const { out, output } = captured();
    const plan = writeTemp("plan.json", { resources: [] });
    const config = writeTemp("c.json", {
      "sns-topic-customer-managed-key": "advisry",
      "alerts-from-every-covered-region": { coveredRegions: "eu-west-1" },
      "detection-in-every-covered-region": { coveredRgions: ["eu-west-1"] },
      "kms-key-rotaton": "disabled",
    });
    expect(await runPolicyCommand(["--plan", plan, "--config", config], output)).to.equal(2);
    expect(out.stdout).to.equal("");
    expect(out.stderr)
      .to.include(`${config}: Invalid pack config:`)
      .and.include('"sns-topic-customer-managed-key": "advisry" is not an enforcement level')
      .and.include('"alerts-from-every-covered-region".coveredRegions must be an array')
      .and.include('"detection-in-every-covered-region": unknown key "coveredRgions"')
      .and.include('"kms-key-rotaton" is not a policy of this pack')
      .and.not.include("is not a function");
  });

  it("checks the pack config before reading the plan", async () => {
    const { out, output } = captured();
    const config = writeTemp("c.json", { enforcementLevel: "nope" });
    const missingPlan = path.join(os.tmpdir(), "no-such-plan.json");
    expect(await runPolicyCommand(["--plan", missingPlan, "--config", config], output)).to.equal(2);
    expect(out.stderr).to.include('use "all": "<level>"').and.not.include("Cannot read the plan");
  });

  it("documents the exit codes in --help", async () => {
    const { out, output } = captured();
    expect(await runPolicyCommand(["--help"], output)).to.equal(0);
    expect(out.stdout).to.include(
      "Exit codes: 0 no mandatory violation, 1 a mandatory violation, 2",
    );
  });
});

describe("custom timeouts given to policies", () => {
  it("are converted from Go durations to seconds", () => {
    const durations = ["20m", "1h30m", undefined].map(durationSeconds);
    expect(durations).to.deep.equal([1200, 5400, 0]);
  });
});
