#!/usr/bin/env node
// `npm run generate`: writes the generated, committed files from the built backend:
//   libs/contracts/openapi.json  (the OpenAPI document, deterministic)
//   docs/configuration.md        (the configuration reference, from the config schema)
//   libs/agent-client/src/generated/  (the agent API client, from the OpenAPI document's `Agent` operations)
// `--check` writes nothing and fails when a committed file differs from what the code generates.
require('reflect-metadata');
const { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync, mkdirSync, readdirSync, cpSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist', 'server');
const check = process.argv.includes('--check');

async function main() {
  const { loadConfig } = require(join(dist, 'apps/opstage/src/config/opstage-config.js'));
  const { ENV_SCHEMA } = require(join(dist, 'apps/opstage/src/config/config.schema.js'));
  const { createApp } = require(join(dist, 'apps/opstage/src/create-app.js'));
  const { buildOpenApiDocument } = require(join(dist, 'apps/opstage/src/openapi/openapi-document.js'));
  const dataDir = mkdtempSync(join(tmpdir(), 'opstage-generate-'));
  const config = loadConfig({ OPSTAGE_DATA_DIR: dataDir, DATABASE_URL: ':memory:', OPSTAGE_LOG_LEVEL: 'silent', OPSTAGE_ADMIN_PASSWORD: 'generate-only-password', OPSTAGE_VERSION: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version });
  const app = await createApp(config, { swaggerUi: false, onGeneratedPassword: () => {} });
  const document = buildOpenApiDocument(app, config.version);
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });

  const outputs = {
    'libs/contracts/openapi.json': `${JSON.stringify(document, null, 2)}\n`,
    'docs/configuration.md': configurationReference(ENV_SCHEMA),
  };
  let stale = [];
  for (const [file, content] of Object.entries(outputs)) {
    const path = join(root, file);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (current === content) continue;
    if (check) stale.push(file);
    else writeFileSync(path, content);
  }

  // Whole generated directories: generated into a scratch folder from the document above, then compared file by file.
  const generatedDirs = { 'libs/agent-client/src/generated': (out) => generateAgentClient(outputs['libs/contracts/openapi.json'], out) };
  for (const [dir, generate] of Object.entries(generatedDirs)) {
    const scratch = mkdtempSync(join(tmpdir(), 'opstage-generated-'));
    try {
      await generate(scratch);
      const target = join(root, dir);
      if (sameTree(scratch, target)) continue;
      if (check) stale.push(dir);
      else {
        rmSync(target, { recursive: true, force: true });
        mkdirSync(target, { recursive: true });
        cpSync(scratch, target, { recursive: true });
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  if (stale.length) {
    process.stderr.write(`Generated files are stale: ${stale.join(', ')}. Run \`npm run generate\` and commit the result.\n`);
    process.exit(1);
  }
  process.stdout.write(check ? 'Generated files are current.\n' : `Wrote ${[...Object.keys(outputs), ...Object.keys(generatedDirs)].join(', ')}\n`);
}

/** The agent client (`@hey-api/openapi-ts`, self-contained fetch client): only the operations tagged `Agent`. */
async function generateAgentClient(documentJson, outDir) {
  const input = join(outDir, '..', `${require('node:path').basename(outDir)}-openapi.json`);
  writeFileSync(input, documentJson);
  try {
    const { createClient } = await import('@hey-api/openapi-ts');
    await createClient({
      input,
      output: { path: outDir },
      logs: { level: 'silent' },
      parser: { filters: { tags: { include: ['Agent'] } } },
      plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
    });
  } finally {
    rmSync(input, { force: true });
  }
}

function listTree(dir, prefix = '') {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listTree(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

function sameTree(a, b) {
  const left = listTree(a).sort();
  const right = listTree(b).sort();
  if (left.join('\n') !== right.join('\n')) return false;
  return left.every((file) => readFileSync(join(a, file), 'utf8') === readFileSync(join(b, file), 'utf8'));
}

function configurationReference(schema) {
  const rows = Object.entries(schema).map(([name, { schema: s, doc }]) => {
    let fallback = '';
    try {
      const parsed = s.safeParse(undefined);
      if (parsed.success && parsed.data !== undefined) fallback = `\`${parsed.data}\``;
    } catch {}
    return `| \`${name}\` | ${fallback || '—'} | ${doc} |`;
  });
  return [
    '# Configuration reference',
    '',
    'Generated by `npm run generate` from `apps/opstage/src/config/config.schema.ts`; CI fails when it is stale.',
    'Every variable is validated at start-up; a bad value stops the process with one message per variable.',
    '',
    '| Variable | Default | Meaning |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
