/** Runs the CLI in-process with captured output, instant retries and a fixed clock. */

import { instantRetry } from "./setup";
import { type CliDependencies, main } from "../../triage/cli";
import { silentProgress } from "../../triage/progress";
import { NOW } from "../fixtures/triage/breached-account";

export interface Captured {
  stdout: string;
  stderr: string;
  code: number;
}

export async function runCli(
  argv: string[],
  extra: Partial<CliDependencies> = {},
): Promise<Captured> {
  const out = { stdout: "", stderr: "" };
  const code = await main(argv, {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
    retry: instantRetry(),
    progress: silentProgress,
    now: () => NOW,
    ...extra,
  });
  return { ...out, code };
}
