#!/usr/bin/env node
// Builds the publishable agent SDK package in libs/agent-sdk/dist: one ESM and one CommonJS bundle (the generated
// client is bundled in; no runtime dependencies) plus type declarations. `npm run build:sdk`; `npm pack` in
// libs/agent-sdk then makes the tarball.
const { build } = require('esbuild');
const { execFileSync } = require('node:child_process');
const { rmSync } = require('node:fs');
const { join } = require('node:path');

const sdk = join(__dirname, '..', 'libs', 'agent-sdk');

async function main() {
  rmSync(join(sdk, 'dist'), { recursive: true, force: true });
  const common = { entryPoints: [join(sdk, 'src', 'index.ts')], bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
  await build({ ...common, format: 'cjs', outfile: join(sdk, 'dist', 'index.cjs') });
  await build({ ...common, format: 'esm', outfile: join(sdk, 'dist', 'index.mjs') });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(sdk, 'tsconfig.types.json')], { stdio: 'inherit' });
  process.stdout.write(`Built ${join(sdk, 'dist')}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
