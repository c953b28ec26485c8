/**
 * Start-up of `pulumi preview`/`up`: time from process start to the first registered resource,
 * with ts-node registered as the Pulumi Node.js host registers it, with and without the type-check.
 * The host reads `compilerOptions.noCheck` from tsconfig.json (or PULUMI_NODEJS_TRANSPILE_ONLY) to
 * choose ts-node's `transpileOnly`; see node_modules/@pulumi/pulumi/cmd/run/run.js.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { StartupProbeInput, StartupProbeResult } from "./startupProbe";

export type TsNodeMode = "transpile-only" | "type-check";

export interface HostTsNodeOptions {
  readonly transpileOnly: boolean;
  readonly project: string;
  readonly skipProject: boolean;
  readonly compilerOptions: Record<string, unknown>;
}

/**
 * ts-node's options as the host builds them for a CommonJS project: its defaults overridden by
 * the tsconfig's compiler options. For "type-check" the tsconfig is read as if it had no
 * `noCheck`, which is what the host does for a project without the switch; `noCheck: false` is
 * spelled out because ts-node reads the tsconfig file itself too, and TypeScript skips semantic
 * checks under `noCheck: true` even when ts-node does not transpile only.
 */
export function hostTsNodeOptions(tsconfigPath: string, mode: TsNodeMode): HostTsNodeOptions {
  const parsed = ts.parseConfigFileTextToJson(tsconfigPath, fs.readFileSync(tsconfigPath, "utf8"));
  if (parsed.error) {
    throw new Error(
      `${tsconfigPath}: ${ts.flattenDiagnosticMessageText(parsed.error.messageText, "\n")}`,
    );
  }
  const fromFile =
    (parsed.config as { compilerOptions?: Record<string, unknown> }).compilerOptions ?? {};
  const transpileOnly = mode === "transpile-only";
  if (transpileOnly && fromFile["noCheck"] !== true) {
    throw new Error(
      `${tsconfigPath} does not set compilerOptions.noCheck: the host would type-check`,
    );
  }
  return {
    transpileOnly,
    project: tsconfigPath,
    skipProject: false,
    compilerOptions: {
      target: "ES2020",
      module: "nodenext",
      moduleResolution: "nodenext",
      sourceMap: "true",
      ...fromFile,
      ...(transpileOnly ? {} : { noCheck: false }),
    },
  };
}

/** The script of the probe process: register ts-node, then run the probe (compiled by it). */
export function probeScript(options: HostTsNodeOptions, input: StartupProbeInput): string {
  const tsNode = require.resolve("ts-node");
  const probe = path.join(__dirname, "startupProbe");
  return [
    `require(${JSON.stringify(tsNode)}).register(${JSON.stringify(options)});`,
    `require(${JSON.stringify(probe)}).runStartupProbe(${JSON.stringify(input)})`,
    `.catch((err) => { console.error(err && err.stack || err); process.exitCode = 1; });`,
  ].join("\n");
}

/** Starts a fresh Node.js process that loads the program in the given mode, and reads its result. */
export function measureStartup(
  mode: TsNodeMode,
  input: StartupProbeInput,
): Promise<StartupProbeResult> {
  const options = hostTsNodeOptions(path.join(input.projectDir, "tsconfig.json"), mode);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", probeScript(options, input)], {
      cwd: input.projectDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = stdout.trim().split("\n").pop() ?? "";
      if (code === 0 && line.startsWith("{")) {
        resolve(JSON.parse(line) as StartupProbeResult);
        return;
      }
      const detail = stderr.trim().split("\n").slice(0, 8).join("\n");
      reject(new Error(`the ${mode} start-up probe exited with code ${code}:\n${detail}`));
    });
  });
}
