/**
 * `npm run policy -- --plan FILE`: runs the policy pack over a plan JSON written earlier by
 * `npm run plan -- --json FILE`, so that CI can plan once and check separately.
 * Exit codes: 0 no mandatory violation, 1 a mandatory violation, 2 bad arguments, unreadable files
 * or a pack config that does not fit the pack.
 */
import * as fs from "fs";
import { parseArgs } from "util";
import { POLICIES } from "../policies/pack";
import {
  PackConfig,
  PackConfigError,
  PlanFileError,
  formatViolations,
  hasMandatoryViolation,
  policyCounts,
  readPlanFile,
  runPolicyPack,
  validatePackConfig,
} from "./policyRunner";
import { CommandOutput, parseOrExplain } from "./commandLine";

const HELP = `Usage: npm run policy -- --plan FILE [--config FILE]

Runs the aws-threat-detection policy pack (policies/) over a plan JSON, the same policies that
\`pulumi preview --policy-pack policies\` runs, and prints the violations grouped by policy.

Options:
  --plan FILE     plan JSON written by \`npm run plan -- --stack NAME --json FILE\` (required)
  --config FILE   pack config JSON, as for \`pulumi preview --policy-pack-config FILE\`,
                  e.g. {"kms-key-rotation": "advisory",
                        "alerts-from-every-covered-region": {"coveredRegions": ["eu-west-1"]}}
  -h, --help      show this help

A string sets a policy's enforcement level (advisory, mandatory, remediate, disabled; "all" sets
every policy's); an object sets "enforcementLevel" and the policy's own keys. The config is
checked against the pack first: every unknown policy or key and every bad value is listed.

Policies:
${wrap(POLICIES.map((p) => p.name).join(", "), 98, "  ")}

Exit codes: 0 no mandatory violation, 1 a mandatory violation, 2 bad arguments, a plan or config
file that cannot be read, or a config that does not fit the pack.`;

class UsageError extends Error {}

/** Text broken into lines of at most `width` columns, each starting with `indent`. */
function wrap(text: string, width: number, indent: string): string {
  const lines = [indent];
  for (const word of text.split(" ")) {
    const last = lines.length - 1;
    if (lines[last].length + word.length + 1 > width && lines[last] !== indent) lines.push(indent);
    lines[lines.length - 1] += (lines[lines.length - 1] === indent ? "" : " ") + word;
  }
  return lines.join("\n");
}

function parseCommandLine(argv: string[]): { help: boolean; plan?: string; config?: string } {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        plan: { type: "string" },
        config: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
    if (!values.help && values.plan === undefined) throw new UsageError("--plan FILE is required");
    return { help: values.help === true, plan: values.plan, config: values.config };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function readPackConfig(file: string): PackConfig {
  let config: unknown;
  try {
    config = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new PlanFileError(`Cannot read the pack config ${file}: ${(err as Error).message}`);
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new PlanFileError(`${file}: pack config must be an object keyed by policy name`);
  }
  try {
    return validatePackConfig(config);
  } catch (err) {
    if (err instanceof PackConfigError) err.message = `${file}: ${err.message}`;
    throw err;
  }
}

export async function runPolicyCommand(
  argv: string[],
  output: CommandOutput = process,
): Promise<number> {
  const args = parseOrExplain(argv, parseCommandLine, HELP, output);
  if (typeof args === "number") return args;
  try {
    // Config first: a wrong config is reported before a long plan is even read.
    const config = args.config === undefined ? {} : readPackConfig(args.config);
    const resources = readPlanFile(args.plan!);
    const violations = await runPolicyPack(resources, { config });
    output.stdout.write(`${formatViolations(violations, policyCounts(POLICIES, config))}\n`);
    return hasMandatoryViolation(violations) ? 1 : 0;
  } catch (err) {
    output.stderr.write(`${(err as Error).message}\n`);
    return err instanceof PlanFileError || err instanceof PackConfigError ? 2 : 1;
  }
}

if (require.main === module) {
  runPolicyCommand(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
