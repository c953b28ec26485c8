/** Progress on stderr: one updating line on a terminal, plain lines when piped or logged. */

export interface Progress {
  start(total: number): void;
  done(label: string, gapCount: number): void;
  finish(): void;
}

export const silentProgress: Progress = { start() {}, done() {}, finish() {} };

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export function createProgress(output: Output): Progress {
  let total = 0;
  let finished = 0;
  const describe = (label: string, gapCount: number): string =>
    gapCount === 0 ? `${label} done` : `${label} done with ${gapCount} unreadable item(s)`;
  if (output.isTTY) {
    return {
      start(count) {
        total = count;
        output.write(`\rScanning ${total} scopes...`);
      },
      done(label, gapCount) {
        finished += 1;
        // \x1b[2K clears the line so a shorter message does not leave old characters behind.
        output.write(`\r\x1b[2K[${finished}/${total}] ${describe(label, gapCount)}`);
      },
      finish() {
        output.write("\r\x1b[2K");
      },
    };
  }
  return {
    start(count) {
      total = count;
      output.write(`Scanning ${total} scopes (IAM and each region)\n`);
    },
    done(label, gapCount) {
      finished += 1;
      output.write(`[${finished}/${total}] ${describe(label, gapCount)}\n`);
    },
    finish() {},
  };
}
