import { setFlagsFromString } from 'node:v8';

/**
 * Turns off V8's allocation-site pretenuring for the server process (ADR 0012). Imported first by `main.ts`, before
 * any application or framework code has run, so every allocation site is created under it.
 *
 * V8 starts allocating a site's objects straight into the old generation once enough of them survive a young
 * collection. On this server the per-request objects of passport's `authenticate` middleware get tenured that way;
 * they die young but in old space, and every young object they point to (the request, its headers, the reply) is then
 * kept by the next scavenges and promoted as well. Measured on authenticated agent requests: 2–4.5 MB survived each
 * scavenge instead of 8 KB, pauses of 15–35 ms instead of 1.5 ms (the B2 delivery tail), and an old generation that
 * grew until the next full collection (B3 memory). Without pretenuring none of that happens, and nothing on this
 * server measured slower (docs/benchmarks.md).
 */
setFlagsFromString('--no-allocation-site-pretenuring');
