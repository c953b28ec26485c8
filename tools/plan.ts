/**
 * `npm run plan -- --stack prod`: runs the real program against a stack file with Pulumi's mocks
 * (no credentials, no network), prints what a deployment would create, then runs the policy pack.
 * Exit codes: 0 planned, 1 the program failed or broke a mandatory policy, 2 bad arguments or config.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { ConfigError } from "../lib/config";
import { KNOWN_REGION_NAMES } from "../lib/regions";
import { POLICIES } from "../policies/pack";
import { planStack } from "./planStack";
import { renderPlan } from "./planReport";
import { formatViolations, hasMandatoryViolation, runPolicyPack } from "./policyRunner";
import { StackFileError } from "./stackFile";
import { exitQuietlyWhenOutputCloses, parseOrExplain } from "./commandLine";

const HELP = `Usage: npm run plan -- --stack NAME [options]

Runs the program against a stack's config with Pulumi mocks and prints, per region and service,
what \`pulumi up\` would create, and what is skipped and why, then checks the plan against the
policy pack in policies/ (as \`npm run policy\` does). Needs no AWS account or Pulumi CLI.

Options:
  --stack NAME              stack to plan (reads Pulumi.NAME.yaml); default prod
  --stack-file PATH         read the stack config from PATH instead; the stack is named after
                            the file (Pulumi.NAME.yaml gives NAME) unless --stack is given
  --enabled-regions a,b,c   regions the account has enabled (what region discovery returns);
                            default: the 17 regions every account has without opting in
  --json FILE               also write the plan as JSON to FILE
  -h, --help                show this help

Exit codes: 0 planned, 1 the program failed or the plan breaks a mandatory policy,
2 bad arguments or bad config.`;

class UsageError extends Error {}

function parseCommandLine(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        stack: { type: "string" },
        "stack-file": { type: "string" },
        "enabled-regions": { type: "string" },
        json: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const enabledRegions = parsed["enabled-regions"]
    ?.split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = enabledRegions?.filter((r) => !KNOWN_REGION_NAMES.has(r)) ?? [];
  if (unknown.length > 0)
    throw new UsageError(`--enabled-regions: unknown region(s) ${unknown.join(", ")}`);
  if (enabledRegions !== undefined && enabledRegions.length === 0) {
    throw new UsageError("--enabled-regions needs at least one region");
  }
  const stackFile = parsed["stack-file"];
  if (parsed.json !== undefined) checkWritable(parsed.json, "--json");
  return {
    help: parsed.help === true,
    stack: parsed.stack ?? (stackFile ? stackNameOfFile(stackFile) : "prod"),
    stackFile,
    enabledRegions,
    json: parsed.json,
  };
}

/** `Pulumi.staging.yaml` is the stack `staging`; any other file name is used as it is. */
export function stackNameOfFile(file: string): string {
  const base = path.basename(file);
  return /^Pulumi\.(.+)\.ya?ml$/.exec(base)?.[1] ?? base.replace(/\.ya?ml$/, "");
}

/** A mistake in an output path is a bad argument, found before the plan runs, not after. */
function checkWritable(file: string, option: string): void {
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new UsageError(`${option}: ${file} is a folder; give a file name`);
  }
  const folder = path.dirname(path.resolve(file));
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    throw new UsageError(
      `${option}: cannot write ${file}: ${folder} does not exist or is read-only`,
    );
  }
}

export async function runPlanCommand(argv: string[], projectDir: string): Promise<number> {
  const args = parseOrExplain(argv, parseCommandLine, HELP);
  if (typeof args === "number") return args;
  try {
    const plan = await planStack({ projectDir, ...args });
    process.stdout.write(`${renderPlan(plan)}\n`);
    if (args.json) {
      fs.writeFileSync(args.json, `${JSON.stringify(plan, null, 2)}\n`);
      process.stdout.write(`Plan JSON written to ${args.json}\n`);
    }
    const violations = await runPolicyPack(plan.resources);
    process.stdout.write(`\n${formatViolations(violations, POLICIES.length)}\n`);
    return hasMandatoryViolation(violations) ? 1 : 0;
  } catch (err) {
    if (err instanceof ConfigError || err instanceof StackFileError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    process.stderr.write(`Plan failed: ${(err as Error).message ?? err}\n`);
    return 1;
  }
}

if (require.main === module) {
  exitQuietlyWhenOutputCloses();
  runPlanCommand(process.argv.slice(2), path.resolve(__dirname, "..")).then((code) => {
    process.exitCode = code;
  });
}
