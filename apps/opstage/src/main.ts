import './runtime/gc-tuning'; // first: before any other code allocates (ADR 0012, ADR 0014)
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/opstage-config';
import { createApp } from './create-app';

/**
 * Connections the kernel holds for the server to accept. After a restart every agent of the fleet reconnects at once;
 * with Node's default of 511 the kernel dropped the other connections' SYNs, each retried after 1, 3, 7, 15 s, and a
 * 10,000-agent fleet took ~30 s instead of ~9 s to be held again (docs/benchmarks.md, B3 findings of session 18).
 * Linux caps it at net.core.somaxconn (4096 by default since 5.4).
 */
const LISTEN_BACKLOG = 4096;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen({ host: config.host, port: config.port, backlog: LISTEN_BACKLOG });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(`Opstage ${config.version} listening on http://${config.host}:${port} (database ${config.databasePath})\n`);
}

main().catch((error) => {
  process.stderr.write(`Opstage failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
