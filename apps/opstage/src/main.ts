import './runtime/gc-tuning'; // first: before any other code allocates (ADR 0012, ADR 0014)
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/opstage-config';
import { createApp } from './create-app';

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
  await app.listen({ host: config.host, port: config.port });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(`Opstage ${config.version} listening on http://${config.host}:${port} (database ${config.databasePath})\n`);
}

main().catch((error) => {
  process.stderr.write(`Opstage failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
