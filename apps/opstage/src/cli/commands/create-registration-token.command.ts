import { CreateRegistrationTokenDto } from '../../registration-tokens/dto/registration-token.dto';
import { RegistrationTokensService } from '../../registration-tokens/registration-tokens.service';
import { cliActor } from '../cli-actor';
import { CliCommand, note, out } from '../cli-command';
import { loadCliConfig, withBackend } from '../cli-context';
import { CliFailure, EXIT } from '../cli-failure';
import { validateInput } from '../validate-input';

export const createRegistrationTokenCommand: CliCommand = {
  name: 'create-registration-token',
  usage: 'create-registration-token --name NAME [--expires SECONDS]',
  summary: 'Create a one-time agent registration token and print it once',
  options: { name: { type: 'string' }, expires: { type: 'string' } },
  async run({ values }) {
    if (typeof values.name !== 'string') throw new CliFailure('--name is required', EXIT.usage);
    const expires = values.expires;
    if (expires !== undefined && !/^\d+$/.test(String(expires))) throw new CliFailure('--expires: must be a whole number of seconds', EXIT.usage);
    const body = await validateInput(
      CreateRegistrationTokenDto,
      { name: values.name, ...(expires !== undefined ? { expiresInSeconds: Number(expires) } : {}) },
      { name: '--name', expiresInSeconds: '--expires' },
    );
    const config = loadCliConfig();
    const created = await withBackend(config, (app) => app.get(RegistrationTokensService).create(cliActor(), body));
    note(`Registration token ${created.id} "${created.name}" created, ${created.expiresAt ? `expires ${created.expiresAt}` : 'never expires'}.`);
    note('The raw token below is shown only this once; Opstage keeps only its hash.');
    out(created.rawToken);
    return 0;
  },
};
