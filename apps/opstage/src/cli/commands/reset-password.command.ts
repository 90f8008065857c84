import { randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/sqlite';
import { ResetPasswordDto } from '../../users/dto/user-requests.dto';
import { User } from '../../users/user.entity';
import { UsersService } from '../../users/users.service';
import { cliActor } from '../cli-actor';
import { CliCommand, note, out } from '../cli-command';
import { loadCliConfig, withBackend } from '../cli-context';
import { CliFailure, EXIT } from '../cli-failure';
import { validateInput } from '../validate-input';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline (from `echo` or a here-string) is not part of the password.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export const resetPasswordCommand: CliCommand = {
  name: 'reset-password',
  usage: 'reset-password --username USER [--password-stdin]',
  summary: "Set a user's password (generated and printed once, or read from stdin) and end all their sessions",
  options: { username: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  async run({ values }) {
    if (typeof values.username !== 'string' || !values.username) throw new CliFailure('--username is required', EXIT.usage);
    const generated = !values['password-stdin'];
    const password = generated ? randomBytes(18).toString('base64url') : await readStdin();
    const { password: valid } = await validateInput(ResetPasswordDto, { password }, { password: 'password from stdin' });
    const username = values.username;
    const config = loadCliConfig();
    const user = await withBackend(config, async (app) => {
      const target = await app.get(EntityManager).fork().findOne(User, { username });
      if (!target) throw new CliFailure(`No user named ${JSON.stringify(username)}.`);
      return app.get(UsersService).setPassword(cliActor(), target.id, valid, 'user.password.reset');
    });
    note(`Password of ${user.username} (${user.id}, ${user.role}${user.status === 'ACTIVE' ? '' : `, ${user.status}`}) reset; all their sessions have ended.`);
    if (generated) {
      note('The new password below is shown only this once.');
      out(valid);
    }
    return 0;
  },
};
