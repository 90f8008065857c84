// B3's probe thread (a worker of the bench process): the probe agents, and the operator who executes a command for
// one of them every PROBE_EVERY_MS once the fleet is held, timing how long until that agent's poll hands it over.
//
// They run on an event loop of their own, beside neither the harness's timers nor the fleet's agents (those run in a
// process of their own at a lower CPU priority, fleet.cjs), so that the delivery measured is the server's: on the
// load process's thread, the 10,000 agents' sockets and collections delayed the probe agents' answers by up to 20 ms
// (matched against the times the server wrote both answers), which the 100-agent fleet's idle load thread never did.
const { readFileSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const { adminClient } = require('../lib/admin.cjs');
const { failureTally, simulatedAgents } = require('./fleet-agents.cjs');

/**
 * Often enough that a fleet gathers its 1,000 probes (full run) in under two minutes, so that the p99 is the tenth
 * slowest delivery rather than the third; seldom enough that the probes add little load of their own (every 50 ms
 * kept the otherwise idle 100-agent server warm: its p99 read 2.9–3.5 ms, against 3.6–5.7 every 100 ms).
 */
const PROBE_EVERY_MS = 100;

/**
 * This thread's time waiting for a core (Linux: /proc/thread-self/schedstat is run time, run-queue wait, timeslices,
 * in ns): how much the machine the fleet is simulated on delayed the probes' reads, apart from the server.
 */
function runQueueWait() {
  const [, waitNs] = readFileSync('/proc/thread-self/schedstat', 'utf8').trim().split(' ').map(Number);
  return { waitMs: waitNs / 1e6, at: performance.now() };
}

/** Long polls parked on the server, from its Prometheus gauge. */
async function parkedPolls(url) {
  const text = await fetch(`${url}/metrics`).then((r) => r.text(), () => '');
  return Number(/^opstage_agent_polls_waiting (\d+)$/m.exec(text)?.[1] ?? 0);
}

const { url, probes, adminHeaders, heartbeatMs, fleetSize, parkBy, hardEnd, probeCount, wallBefore } = workerData;
const admin = adminClient(url, adminHeaders);
const tally = failureTally();
const returnedAt = new Map(); // commandId → when the operator's execute returned
const deliveredAt = new Map(); // commandId → when the agent's poll handed it over (may come first)
let probeThreadWaitMsPerSecond = null; // while probing: ms this thread waited for a core per second
const agents = simulatedAgents({ url, heartbeatMs, tally, onCommand: (id) => deliveredAt.set(id, performance.now()) });
parentPort.on('message', (message) => message === 'stop' && agents.stop());

async function probeLoop() {
  // Delivery is measured with the fleet held: once every agent's poll is parked (the reconnect storm of a fresh
  // server is over), or at the latest at `parkBy`.
  while (Date.now() < parkBy && (await parkedPolls(url)) < fleetSize) await new Promise((r) => setTimeout(r, 1000));
  const parkedAfterMs = Date.now() - wallBefore;
  const waitBefore = runQueueWait();
  for (let i = 0; returnedAt.size < probeCount && Date.now() < hardEnd - 1000; i++) {
    const probe = probes[i % probes.length];
    try {
      const command = await admin.post(`/api/admin/capsule-services/${probe.serviceId}/actions/echo`, { payload: { i } });
      returnedAt.set(command.id, performance.now());
    } catch (error) {
      tally.failed('probe', error.message);
    }
    await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
  }
  // Let the last probes arrive before the polls are cut.
  await new Promise((r) => setTimeout(r, 1000));
  const waitAfter = runQueueWait();
  probeThreadWaitMsPerSecond = (1000 * (waitAfter.waitMs - waitBefore.waitMs)) / (waitAfter.at - waitBefore.at);
  parentPort.postMessage({ type: 'probed', parkedAfterMs });
}

void (async () => {
  await Promise.all([agents.run(probes), probeLoop()]);
  agents.destroy();
  const deliveries = [...returnedAt].filter(([id]) => deliveredAt.has(id)).map(([id, returned]) => Math.max(0, deliveredAt.get(id) - returned));
  parentPort.postMessage({ type: 'done', deliveries, probesSent: returnedAt.size, probeThreadWaitMsPerSecond, heartbeatLatencies: agents.heartbeatLatencies, failures: tally.failures, firstFailure: tally.firstFailure });
})();
