// B3: a fleet of simulated agents (keep-alive pools), each long-polling for commands and heartbeating at the default
// 30 s cadence compressed in time, while probe commands measure delivery latency.
const { spawn } = require('node:child_process');
const { Worker } = require('node:worker_threads');
const { join } = require('node:path');
const { percentile } = require('../lib/stats.cjs');
const { cpuSeconds, rssKb } = require('../lib/processes.cjs');

/**
 * The load process's scheduling policy. Its simulated agents stand in for thousands of remote machines, yet here they
 * share two cores with the server and the probe thread, so it runs as SCHED_IDLE (`chrt --idle 0`, util-linux; no
 * privilege needed): it gets a core only when nothing else wants one, and the server or the probe thread waking up
 * takes the core from it at once (at nice 10 it could keep a core until its time slice ended). B3 alone at 10,000
 * agents the difference was inside the spread between runs: delivery p99 5.7–6.8 ms in four runs as SCHED_IDLE,
 * 5.6–7.6 ms in six at nice 10 (docs/benchmarks.md, B3 findings of session 18).
 */
const LOAD_POLICY = 'SCHED_IDLE';

/** Starts the load process for `agents`; `stop()` ends their loops, `finished` resolves with what it measured. */
function startLoad({ url, agents, heartbeatMs }) {
  const child = spawn('chrt', ['--idle', '0', process.execPath, join(__dirname, 'fleet-load.cjs')], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const finished = new Promise((resolve, reject) => {
    child.on('message', (message) => message.type === 'done' && resolve(message));
    child.on('error', reject);
    child.on('exit', (code, signal) => reject(new Error(`the fleet's load process exited (${signal ?? code}) before it reported`)));
  });
  child.send({ url, agents, heartbeatMs });
  return { proc: { child }, finished, stop: () => child.connected && child.send('stop') };
}

/**
 * Runs `fleet` agents for `seconds`: each holds a long-poll open (waitSeconds 25) and heartbeats every
 * 30 s / `compression`. All but the probe agents run in the load process (fleet-load.cjs, as {@link LOAD_POLICY});
 * the probe agents and the operator run on a worker thread of this process (fleet-probes.cjs): once the fleet is held,
 * the operator executes a command for one of them every 100 ms and the time until that agent's poll returns it is
 * recorded, `probeCount` times; the fleet runs on past `seconds` for them if it must (at most twice as long). Every
 * fleet's p99 is then the same order statistic; with a fixed window the 10,000-agent fleet, held later, got 80–190
 * probes against the 100-agent fleet's 260, and its p99 was its slowest delivery compared with the other's third slowest.
 */
async function runFleet({ url, server, fleet, probes, admin, seconds, compression, probeCount }) {
  const startedAt = Date.now();
  const minimumEnd = startedAt + seconds * 1000;
  const hardEnd = startedAt + 2 * seconds * 1000;
  let probing = true;
  const running = () => Date.now() < minimumEnd || (probing && Date.now() < hardEnd);
  const heartbeatMs = 30_000 / compression;
  const probeIds = new Set(probes.map((probe) => probe.agentId));

  const cpuBefore = cpuSeconds(server);
  const wallBefore = Date.now();
  const load = startLoad({ url, agents: fleet.filter((agent) => !probeIds.has(agent.agentId)), heartbeatMs });
  const prober = new Worker(join(__dirname, 'fleet-probes.cjs'), {
    workerData: { url, probes, adminHeaders: admin.headers, heartbeatMs, fleetSize: fleet.length, parkBy: startedAt + (seconds * 1000) / 2, hardEnd, probeCount, wallBefore },
  });
  let parkedAfterMs = null;
  const probed = new Promise((resolve, reject) => {
    prober.on('error', reject);
    prober.on('message', (message) => {
      if (message.type === 'probed') {
        parkedAfterMs = message.parkedAfterMs;
        probing = false;
      } else if (message.type === 'done') resolve(message);
    });
  });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssKb(server))), 500);
  let loadCpuPercent = null;
  // Parked polls would hold their loops for up to 25 s more: cut them once the phase is over, the probe thread's too.
  const cut = setInterval(() => {
    if (running()) return;
    clearInterval(cut);
    loadCpuPercent = (100 * cpuSeconds(load.proc)) / ((Date.now() - wallBefore) / 1000);
    load.stop();
    prober.postMessage('stop');
  }, 100);
  const loadResult = await load.finished;
  const probeThread = await probed;
  clearInterval(sampler);
  const cpuPercent = (100 * (cpuSeconds(server) - cpuBefore)) / ((Date.now() - wallBefore) / 1000);
  await prober.terminate();
  const failures = Object.fromEntries(Object.entries(loadResult.failures).map(([kind, n]) => [kind, n + probeThread.failures[kind]]));
  const heartbeatLatencies = loadResult.heartbeatLatencies.concat(probeThread.heartbeatLatencies);
  return {
    heartbeatP99Ms: percentile(heartbeatLatencies, 99),
    deliveryP99Ms: percentile(probeThread.deliveries, 99),
    deliveries: probeThread.deliveries.length,
    probesSent: probeThread.probesSent,
    probeThreadWaitMsPerSecond: probeThread.probeThreadWaitMsPerSecond,
    heartbeats: heartbeatLatencies.length,
    peakRssKb: peakRss,
    parkedAfterMs,
    cpuPercent,
    loadCpuPercent,
    failures,
    firstFailure: { ...probeThread.firstFailure, ...loadResult.firstFailure },
  };
}

module.exports = { LOAD_POLICY, runFleet };
