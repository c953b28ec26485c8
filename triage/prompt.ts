/** The real y/N question on a terminal; tests inject their own `Confirm` instead. */

import { createInterface } from "node:readline/promises";
import type { Confirm } from "./remediate";

export interface TerminalPrompt {
  confirm: Confirm;
  close(): void;
}

export function createTerminalPrompt(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): TerminalPrompt {
  const reader = createInterface({ input, output });
  return {
    // Anything but an explicit yes is a no.
    confirm: async (question) => /^y(es)?$/i.test((await reader.question(question)).trim()),
    close: () => reader.close(),
  };
}
