import { createServer } from 'node:http';
import type { CapsuleAgent } from '../../../libs/agent-sdk/src';

/** DEMO_HTTP_PORT, or the process's default. */
export function demoHttpPort(fallback: number): number {
  return Number(process.env.DEMO_HTTP_PORT ?? fallback);
}

/**
 * What every demo process does around its agent: logs the agent's events under `name`, serves `answer` (a JSON body
 * for the request, or undefined for 404) on DEMO_HTTP_HOST:`port`, starts the agent once listening, and on SIGINT or
 * SIGTERM stops the agent (letting running handlers finish) before the server.
 */
export function runDemoProcess(agent: CapsuleAgent, name: string, port: number, answer: (url: URL, method: string) => unknown): void {
  const log = (line: string) => process.stdout.write(`${name}: ${line}\n`);
  agent.on('error', (error) => log(`agent error ${error.name} ${error.code ?? ''}: ${error.message}`));
  agent.on('stateChange', (state) => log(`agent ${state}`));
  agent.on('connected', () => log('agent connected'));
  agent.on('commandCompleted', (c) => log(`command ${c.commandId} ${c.status}`));

  const host = process.env.DEMO_HTTP_HOST ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const body = answer(new URL(req.url ?? '/', 'http://demo.local'), req.method ?? 'GET');
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: 'not found' }));
  });
  server.listen(port, host, () => {
    log(`serving status on http://${host}:${port}/healthz`);
    void agent.start();
  });

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void agent.stop().finally(() => server.close(() => process.exit(0)));
    });
  }
}
