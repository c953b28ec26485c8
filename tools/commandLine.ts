/** What the offline commands (plan, policy, bench) share: argument mistakes and --help. */

export interface CommandOutput {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/**
 * Parses a command's arguments with `parse`, which throws on a mistake. A mistake prints the
 * message and the usage and gives exit code 2; `--help` prints the usage and gives 0. Otherwise
 * the parsed arguments come back and the command goes on.
 */
export function parseOrExplain<T extends { help: boolean }>(
  argv: string[],
  parse: (argv: string[]) => T,
  usage: string,
  output: CommandOutput = process,
): T | number {
  let args: T;
  try {
    args = parse(argv);
  } catch (err) {
    output.stderr.write(`${(err as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (args.help) {
    output.stdout.write(`${usage}\n`);
    return 0;
  }
  return args;
}

/**
 * `npm run plan | head` closes the pipe before the plan is printed; that is the reader's choice,
 * not a failure worth a stack trace.
 */
export function exitQuietlyWhenOutputCloses(): void {
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
}
