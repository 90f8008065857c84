import { CliCommand } from '../cli-command';

export const startCommand: CliCommand = {
  name: 'start',
  usage: 'start',
  summary: 'Run the server (what `npm start` and the container run)',
  async run() {
    // The server entry point boots on load and keeps the process alive until SIGINT/SIGTERM.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../../main');
    return new Promise<number>(() => undefined);
  },
};
