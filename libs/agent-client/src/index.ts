// The agent API client, generated from libs/contracts/openapi.json by `npm run generate` (never edited by hand).
export * from './generated';
export { createClient, createConfig } from './generated/client';
