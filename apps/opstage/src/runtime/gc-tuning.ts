import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags for the server process, set by `main.ts` before any other code has run (ADR 0012, ADR 0014). They are set
 * here rather than on `npm start`'s command line so that every way of running the server (the Docker image,
 * `node dist/…/main.js`, the CLI launcher) gets them; V8 names them on stderr if a Node upgrade ever drops one
 * (`gc-tuning.spec.ts` checks they are all recognised). The young generation's size and V8's helper threads are fixed
 * before this runs: those are start-up options, passed by every launcher (`scripts/server-node-options.cjs`, ADR 0017).
 */
export const GC_FLAGS = [
  /*
   * No allocation-site pretenuring (ADR 0012). V8 starts allocating a site's objects straight into the old generation
   * once enough of them survive a young collection. On this server the per-request objects of passport's
   * `authenticate` middleware got tenured that way; they die young but in old space, and every young object they
   * point to (the request, its headers, the reply) was then kept by the next scavenges and promoted as well: 2–4.5 MB
   * survived each scavenge instead of 8 KB, with pauses of 15–35 ms instead of 1.5 ms.
   */
  '--no-allocation-site-pretenuring',
  /*
   * The old generation may grow by 20% of what survived the last full collection before the next one starts (ADR
   * 0014), instead of V8's dynamic factor of up to 4×. Every parked long poll is old by the time it returns, so a
   * fleet's polls turn into old-space garbage at a steady rate (10,000 agents: ~5 MB/s); with the default factor the
   * old generation doubled before it was collected, and that slack was a third of the server's RSS per agent.
   */
  '--heap-growing-percent=20',
];

setFlagsFromString(GC_FLAGS.join(' '));
