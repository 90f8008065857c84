#!/usr/bin/env node
// Measures the console's initial download: index.html, its stylesheets and scripts, and every chunk those scripts
// import statically (lazy `import()` chunks excluded), each gzip-compressed at level 9. Run after `ng build console`.
const { readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');

const dir = join(__dirname, '..', 'dist', 'console', 'browser');
const index = join(dir, 'index.html');
if (!existsSync(index)) {
  process.stderr.write('dist/console/browser/index.html is missing: run `npm run build` first\n');
  process.exit(1);
}
const html = readFileSync(index, 'utf8');
const initial = new Set();
const queue = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
for (const [, href] of html.matchAll(/<link[^>]+rel="(?:stylesheet|modulepreload)"[^>]*href="([^"]+)"/g)) initial.add(href);
while (queue.length) {
  const file = queue.shift();
  if (initial.has(file)) continue;
  initial.add(file);
  const source = readFileSync(join(dir, file), 'utf8');
  // Static imports only: `import{a}from"./chunk-X.js"` or `import"./chunk-X.js"`; not `import("./chunk-X.js")`.
  for (const [, dep] of source.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) queue.push(dep);
}
let raw = 0;
let gzip = 0;
const rows = [['index.html', html]].concat([...initial].map((file) => [file, readFileSync(join(dir, file))]));
for (const [file, content] of rows) {
  const size = Buffer.byteLength(content);
  const compressed = gzipSync(content, { level: 9 }).length;
  raw += size;
  gzip += compressed;
  process.stdout.write(`${file.padEnd(32)} ${(size / 1024).toFixed(1).padStart(8)} kB raw ${(compressed / 1024).toFixed(1).padStart(8)} kB gzip\n`);
}
process.stdout.write(`${'initial total'.padEnd(32)} ${(raw / 1024).toFixed(1).padStart(8)} kB raw ${(gzip / 1024).toFixed(1).padStart(8)} kB gzip\n`);
