import { chmodSync, existsSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BackupService } from '../../backup/backup.service';
import { cliActor } from '../cli-actor';
import { CliCommand, note, out } from '../cli-command';
import { loadCliConfig, withBackend } from '../cli-context';
import { CliFailure, EXIT } from '../cli-failure';

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup --out FILE',
  summary: 'Write a consistent online backup of the database to FILE (safe while the server runs)',
  options: { out: { type: 'string' } },
  async run({ values }) {
    if (typeof values.out !== 'string' || !values.out) throw new CliFailure('--out FILE is required', EXIT.usage);
    const target = resolve(values.out);
    if (existsSync(target)) throw new CliFailure(`${target} already exists; choose a new file name.`);
    if (!existsSync(dirname(target)) || !statSync(dirname(target)).isDirectory()) throw new CliFailure(`${dirname(target)} is not a directory.`);
    const config = loadCliConfig();
    try {
      const sizeBytes = await withBackend(config, (app) => app.get(BackupService).backupTo(target, cliActor()));
      chmodSync(target, 0o600);
      note(`Backup written (${sizeBytes} bytes). It holds password and token hashes: keep it private.`);
      out(target);
      return 0;
    } catch (error) {
      rmSync(target, { force: true });
      throw error;
    }
  },
};
