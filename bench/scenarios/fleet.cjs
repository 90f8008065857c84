// B3: a fleet of simulated agents in this one load process (keep-alive pools), each long-polling for commands and
// heartbeating at the default 30 s cadence compressed in time, while probe commands measure delivery latency.
const http = require('node:http');
const { percentile } = require('../lib/stats.cjs');
const { cpuSeconds, rssKb } = require('../lib/processes.cjs');

/** Long polls parked on the server, from its Prometheus gauge. */
async function parkedPolls(url) {
  const text = await fetch(`${url}/metrics`).then((r) => r.text(), () => '');
  return Number(/^opstage_agent_polls_waiting (\d+)$/m.exec(text)?.[1] ?? 0);
}

/** Often enough that the p99 is not just the slowest of a few dozen deliveries. */
const PROBE_EVERY_MS = 100;

function call(agent, url, method, headers, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, agent, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode, text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Runs `fleet` agents for `seconds`: each holds a long-poll open (waitSeconds 25) and heartbeats every
 * 30 s / `compression`. Once the fleet is held, every PROBE_EVERY_MS an operator executes a command for one of the
 * probe agents (part of the fleet) and the time until that agent's poll returns it is recorded, `probeCount` times:
 * the fleet runs on past `seconds` for them if it must (at most twice as long). Every fleet's p99 is then the same
 * order statistic; with a fixed window the 10,000-agent fleet, held later, got 80–190 probes against the 100-agent
 * fleet's 260, and its p99 was its slowest delivery compared with the other's third slowest.
 */
async function runFleet({ url, server, fleet, probes, admin, seconds, compression, probeCount = 200 }) {
  const polls = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const beats = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const results = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const startedAt = Date.now();
  const minimumEnd = startedAt + seconds * 1000;
  const hardEnd = startedAt + 2 * seconds * 1000;
  let probing = true;
  const running = () => Date.now() < minimumEnd || (probing && Date.now() < hardEnd);
  const heartbeatMs = 30_000 / compression;
  const heartbeatLatencies = [];
  const returnedAt = new Map(); // commandId → when the operator's execute returned
  const deliveredAt = new Map(); // commandId → when the agent's poll handed it over (may come first)
  const failures = { poll: 0, heartbeat: 0, result: 0, probe: 0 };
  /** The first failure of each kind, so a report says why and not only how many. */
  const firstFailure = {};
  const failed = (kind, reason) => {
    failures[kind]++;
    firstFailure[kind] ??= String(reason).slice(0, 300);
  };

  const pollLoop = async (agent) => {
    while (running()) {
      try {
        const res = await call(polls, `${url}/api/agents/${agent.agentId}/commands?waitSeconds=25&limit=5`, 'GET', { authorization: `Bearer ${agent.agentToken}` });
        if (res.status !== 200) failed('poll', `${res.status} ${res.text}`);
        const commands = res.status === 200 ? JSON.parse(res.text).data : [];
        for (const command of commands) {
          deliveredAt.set(command.id, performance.now());
          void call(results, `${url}/api/agents/${agent.agentId}/commands/${command.id}/result`, 'POST', { authorization: `Bearer ${agent.agentToken}` }, JSON.stringify({ success: true, data: {} })).then((r) => r.status === 200 || failed('result', `${r.status} ${r.text}`), (error) => failed('result', error.message));
        }
      } catch (error) {
        if (!running()) return; // the phase is over: open long-polls are cut on purpose
        failed('poll', error.message);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  const heartbeatLoop = async (agent) => {
    await new Promise((r) => setTimeout(r, Math.random() * heartbeatMs)); // spread like a real fleet
    while (running()) {
      const started = performance.now();
      try {
        const res = await call(beats, `${url}/api/agents/${agent.agentId}/heartbeat`, 'POST', { authorization: `Bearer ${agent.agentToken}` }, '{}');
        if (res.status === 200) heartbeatLatencies.push(performance.now() - started);
        else failed('heartbeat', `${res.status} ${res.text}`);
      } catch (error) {
        failed('heartbeat', error.message);
      }
      await new Promise((r) => setTimeout(r, heartbeatMs));
    }
  };
  const probeLoop = async () => {
    let i = 0;
    // Delivery is measured with the fleet held: once every agent's poll is parked (the reconnect storm of a fresh
    // server is over), or at the latest half way through the window.
    const parkBy = startedAt + (seconds * 1000) / 2;
    while (Date.now() < parkBy && (await parkedPolls(url)) < fleet.length) await new Promise((r) => setTimeout(r, 1000));
    parkedAfterMs = Date.now() - wallBefore;
    while (returnedAt.size < probeCount && Date.now() < hardEnd - 1000) {
      const probe = probes[i++ % probes.length];
      try {
        const command = await admin.post(`/api/admin/capsule-services/${probe.serviceId}/actions/echo`, { payload: { i } });
        returnedAt.set(command.id, performance.now());
      } catch (error) {
        failed('probe', error.message);
      }
      await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
    }
    // Let the last probes arrive before the polls are cut.
    await new Promise((r) => setTimeout(r, 1000));
    probing = false;
  };

  let parkedAfterMs = null;
  const cpuBefore = cpuSeconds(server);
  const wallBefore = Date.now();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssKb(server))), 500);
  // Parked polls would hold their loops for up to 25 s more: cut them once the phase is over.
  const cut = setInterval(() => running() || (polls.destroy(), clearInterval(cut)), 100);
  await Promise.all([...fleet.map(pollLoop), ...fleet.map(heartbeatLoop), probeLoop()]);
  clearInterval(sampler);
  clearInterval(cut);
  const cpuPercent = (100 * (cpuSeconds(server) - cpuBefore)) / ((Date.now() - wallBefore) / 1000);
  polls.destroy();
  beats.destroy();
  results.destroy();
  const deliveries = [...returnedAt].filter(([id]) => deliveredAt.has(id)).map(([id, returned]) => Math.max(0, deliveredAt.get(id) - returned));
  return {
    heartbeatP99Ms: percentile(heartbeatLatencies, 99),
    deliveryP99Ms: percentile(deliveries, 99),
    deliveries: deliveries.length,
    probesSent: returnedAt.size,
    heartbeats: heartbeatLatencies.length,
    peakRssKb: peakRss,
    parkedAfterMs,
    cpuPercent,
    failures,
    firstFailure,
  };
}

module.exports = { runFleet };
