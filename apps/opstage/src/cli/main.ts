import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { CliCommand, note } from './cli-command';
import { CliFailure, EXIT } from './cli-failure';
import { backupCommand } from './commands/backup.command';
import { createRegistrationTokenCommand } from './commands/create-registration-token.command';
import { doctorCommand } from './commands/doctor.command';
import { migrateCommand } from './commands/migrate.command';
import { resetPasswordCommand } from './commands/reset-password.command';
import { restoreCommand } from './commands/restore.command';
import { startCommand } from './commands/start.command';

const COMMANDS: CliCommand[] = [startCommand, migrateCommand, doctorCommand, createRegistrationTokenCommand, resetPasswordCommand, backupCommand, restoreCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    'Usage: opstage <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Settings come from the same environment as the server (OPSTAGE_DATA_DIR, DATABASE_URL, …; see docs/configuration.md).',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${usage()}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new CliFailure(`Unknown command ${JSON.stringify(name)}.\n\n${usage()}`, EXIT.usage);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliFailure(`${(error as Error).message}\nUsage: opstage ${command.usage}`, EXIT.usage);
  }
  const expected = command.positionals ?? 0;
  if (parsed.positionals.length !== expected) throw new CliFailure(`Usage: opstage ${command.usage}`, EXIT.usage);
  return command.run({ values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliFailure) {
      note(error.message);
      process.exitCode = error.exitCode;
    } else {
      note(`opstage: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = EXIT.failed;
    }
  },
);
