// The Node options the Opstage server is started with (ADR 0017). V8 flags that can change at runtime are set by the
// server itself (apps/opstage/src/runtime/gc-tuning.ts, ADR 0012 and 0014); these two size the young generation and
// V8's helper threads, which are fixed when the process starts, so every launcher passes them: `npm start`,
// `npm run demo` and the benchmarks through this file, the Docker image in its NODE_OPTIONS (docker/Dockerfile, kept
// equal to `serverNodeOptions(2)` by apps/opstage/test/container-deployment.spec.ts). Plain CommonJS: `npm start` runs it before the
// install, possibly under an older system Node (hence the fallback for `os.availableParallelism`, Node 18.14+).
const os = require('node:os');

/**
 * The young generation's semi-spaces, in MB. V8 lets them grow to 64 MB each (128 MB of young generation); on a server
 * holding 10,000 parked long polls every scavenge then copied the polls parked since the last one (their state lives
 * 20–25 s), pausing the event loop 11 ms at the median and 17 ms at p90 — 2% of the time, which was the 10,000-agent
 * delivery tail (B3). At 4 MB the pauses are 1.6 ms at the median, 6 ms at most, for ~2% of a core more collector time.
 */
const SEMI_SPACE_MB = 4;
/** Node's default, whatever the machine. */
const MAX_V8_THREADS = 4;

/**
 * `--max-semi-space-size`, and V8's helper threads one fewer than the cores (1 to 4): Node starts four whatever the
 * machine, and on two cores they took the event loop's core during parallel scavenges and concurrent marking (its
 * run-queue wait fell from 47 to 13 ms a second at 10,000 agents with one).
 */
function serverNodeOptions(cores = os.availableParallelism?.() ?? os.cpus().length) {
  return [`--max-semi-space-size=${SEMI_SPACE_MB}`, `--v8-pool-size=${Math.min(MAX_V8_THREADS, Math.max(1, cores - 1))}`];
}

/** `env` for the server's process: its options first in NODE_OPTIONS, so any the operator set there come later and win. */
function withServerNodeOptions(env, cores) {
  return { ...env, NODE_OPTIONS: [...serverNodeOptions(cores), env.NODE_OPTIONS].filter(Boolean).join(' ') };
}

module.exports = { serverNodeOptions, withServerNodeOptions };
