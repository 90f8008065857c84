// B3: a fleet of simulated agents in this one load process (keep-alive pools), each long-polling for commands and
// heartbeating at the default 30 s cadence compressed in time, while probe commands measure delivery latency.
const { Worker } = require('node:worker_threads');
const { join } = require('node:path');
const { percentile } = require('../lib/stats.cjs');
const { cpuSeconds, rssKb } = require('../lib/processes.cjs');
const { failureTally, simulatedAgents } = require('./fleet-agents.cjs');

/**
 * Runs `fleet` agents for `seconds`: each holds a long-poll open (waitSeconds 25) and heartbeats every
 * 30 s / `compression`. The probe agents (part of the fleet) and the operator run on a worker thread
 * (fleet-probes.cjs): once the fleet is held, the operator executes a command for one of them every 100 ms and the
 * time until that agent's poll returns it is recorded, `probeCount` times; the fleet runs on past `seconds` for them
 * if it must (at most twice as long). Every fleet's p99 is then the same order statistic; with a fixed window the
 * 10,000-agent fleet, held later, got 80–190 probes against the 100-agent fleet's 260, and its p99 was its slowest
 * delivery compared with the other's third slowest.
 */
async function runFleet({ url, server, fleet, probes, admin, seconds, compression, probeCount }) {
  const startedAt = Date.now();
  const minimumEnd = startedAt + seconds * 1000;
  const hardEnd = startedAt + 2 * seconds * 1000;
  let probing = true;
  const running = () => Date.now() < minimumEnd || (probing && Date.now() < hardEnd);
  const heartbeatMs = 30_000 / compression;
  const tally = failureTally();
  const probeIds = new Set(probes.map((probe) => probe.agentId));
  const agents = simulatedAgents({ url, heartbeatMs, running, tally });

  const cpuBefore = cpuSeconds(server);
  const wallBefore = Date.now();
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
  // Parked polls would hold their loops for up to 25 s more: cut them once the phase is over, the probe thread's too.
  const cut = setInterval(() => running() || (agents.cutPolls(), prober.postMessage('stop'), clearInterval(cut)), 100);
  await agents.run(fleet.filter((agent) => !probeIds.has(agent.agentId)));
  const probeThread = await probed;
  clearInterval(sampler);
  clearInterval(cut);
  const cpuPercent = (100 * (cpuSeconds(server) - cpuBefore)) / ((Date.now() - wallBefore) / 1000);
  agents.destroy();
  await prober.terminate();
  const failures = Object.fromEntries(Object.entries(tally.failures).map(([kind, n]) => [kind, n + probeThread.failures[kind]]));
  const heartbeatLatencies = agents.heartbeatLatencies.concat(probeThread.heartbeatLatencies);
  return {
    heartbeatP99Ms: percentile(heartbeatLatencies, 99),
    deliveryP99Ms: percentile(probeThread.deliveries, 99),
    deliveries: probeThread.deliveries.length,
    probesSent: probeThread.probesSent,
    heartbeats: heartbeatLatencies.length,
    peakRssKb: peakRss,
    parkedAfterMs,
    cpuPercent,
    failures,
    firstFailure: { ...probeThread.firstFailure, ...tally.firstFailure },
  };
}

module.exports = { runFleet };
