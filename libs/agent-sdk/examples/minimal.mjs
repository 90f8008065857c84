// A minimal Capsule Service: `OPSTAGE_REGISTRATION_TOKEN=opstage_reg_… node examples/minimal.mjs`
// (from libs/agent-sdk after `npm run build:sdk`; in your project, import from '@xtrape/capsule-agent-node').
import { ActionError, CapsuleAgent } from '../dist/index.mjs';

const agent = new CapsuleAgent({
  backendUrl: process.env.OPSTAGE_BACKEND_URL ?? 'http://localhost:8080',
  tokenStore: { file: process.env.OPSTAGE_AGENT_TOKEN_FILE ?? './data/minimal-agent-token.json' },
  service: { code: 'minimal-example', name: 'Minimal example', version: '1.0.0' },
});

agent.health(() => ({ status: 'UP', message: 'ready' }));

agent.action({
  name: 'greet',
  label: 'Greet',
  inputSchema: { type: 'object', required: ['name'], properties: { name: { type: 'string', title: 'Name', minLength: 1 } } },
  handler: async ({ name }) => {
    if (name === 'nobody') throw new ActionError('NO_ONE_TO_GREET', 'there is nobody to greet');
    return { greeting: `Hello, ${name}!` };
  },
});

agent.on('error', (error) => console.error(`agent error: ${error.name}: ${error.message}`));
agent.on('connected', () => console.log(`connected as ${agent.agentId}`));
await agent.start();

process.on('SIGINT', () => agent.stop().then(() => process.exit(0)));
process.on('SIGTERM', () => agent.stop().then(() => process.exit(0)));
