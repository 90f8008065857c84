import type { ParseArgsConfig } from 'node:util';

export interface CliArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** One `opstage <name>` command. `run` resolves to the exit code; it throws `CliFailure` to refuse. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  options?: ParseArgsConfig['options'];
  /** Exact number of positional arguments (default 0). */
  positionals?: number;
  run(args: CliArgs): Promise<number>;
}

/** Results go to stdout (a token or password is the only thing printed there, so it can be captured); notes to stderr. */
export const out = (line: string) => process.stdout.write(`${line}\n`);
export const note = (line: string) => process.stderr.write(`${line}\n`);
