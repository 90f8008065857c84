// The simulated agents of B3, shared by the fleet's load process and its probe thread: each agent long-polls for
// commands (answering them at once) and heartbeats on its own fixed schedule, as an embedded agent does.
const { KeepAliveConnection, KeepAlivePool, requestBytes } = require('../lib/keep-alive-http.cjs');

/** Counts of failed requests by kind, with the first reason of each, so a report says why and not only how many. */
function failureTally() {
  const failures = { poll: 0, heartbeat: 0, result: 0, probe: 0 };
  const firstFailure = {};
  return {
    failures,
    firstFailure,
    failed(kind, reason) {
      failures[kind]++;
      firstFailure[kind] ??= String(reason).slice(0, 300);
    },
  };
}

/**
 * Agents that poll and heartbeat until `stop()`. `onCommand(id)` is told the moment a poll hands a command over.
 * Heartbeats keep each agent's own phase (a random slot within the interval, then every interval after it, skipping
 * a slot it has missed): sleeping an interval after each answer instead would let the reconnect storm, which holds
 * every first heartbeat back until it is over, line the whole fleet up into one burst per interval for good.
 */
function simulatedAgents({ url, heartbeatMs, tally, onCommand = () => {} }) {
  let stopped = false;
  const running = () => !stopped;
  const { hostname, port, host } = new URL(url);
  const server = { host: hostname, port: Number(port) };
  const pollConnections = new Set(); // one per agent: its long poll holds it
  const beats = new KeepAlivePool({ ...server, size: 64 });
  const results = new KeepAlivePool({ ...server, size: 16 });
  const heartbeatLatencies = [];
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  const authorization = (agent) => ({ Authorization: `Bearer ${agent.agentToken}` });
  const json = { 'Content-Type': 'application/json' };
  const stop = () => {
    stopped = true;
    for (const connection of pollConnections) connection.destroy();
  };

  const pollLoop = async (agent) => {
    const connection = new KeepAliveConnection(server);
    pollConnections.add(connection);
    const poll = requestBytes({ method: 'GET', path: `/api/agents/${agent.agentId}/commands?waitSeconds=25&limit=5`, host, headers: authorization(agent) });
    while (running()) {
      try {
        const res = await connection.request(poll);
        if (res.status !== 200) tally.failed('poll', `${res.status} ${res.body}`);
        const commands = res.status === 200 ? JSON.parse(res.body).data : [];
        for (const command of commands) {
          onCommand(command.id);
          const result = requestBytes({ method: 'POST', path: `/api/agents/${agent.agentId}/commands/${command.id}/result`, host, headers: { ...authorization(agent), ...json }, body: JSON.stringify({ success: true, data: {} }) });
          void results.request(result).then(
            (r) => r.status === 200 || tally.failed('result', `${r.status} ${r.body}`),
            (error) => tally.failed('result', error.message),
          );
        }
      } catch (error) {
        if (!running()) return; // the phase is over: open long-polls are cut on purpose
        tally.failed('poll', error.message);
        await sleep(500);
      }
    }
  };
  const heartbeatLoop = async (agent) => {
    const heartbeat = requestBytes({ method: 'POST', path: `/api/agents/${agent.agentId}/heartbeat`, host, headers: { ...authorization(agent), ...json }, body: '{}' });
    let slot = Date.now() + Math.random() * heartbeatMs;
    await sleep(slot - Date.now());
    while (running()) {
      const started = performance.now();
      try {
        const res = await beats.request(heartbeat);
        if (res.status === 200) heartbeatLatencies.push(performance.now() - started);
        else tally.failed('heartbeat', `${res.status} ${res.body}`);
      } catch (error) {
        tally.failed('heartbeat', error.message);
      }
      do slot += heartbeatMs;
      while (slot < Date.now());
      await sleep(slot - Date.now());
    }
  };
  return {
    heartbeatLatencies,
    /** Runs every agent's two loops until {@link stop}. */
    run: (agents) => Promise.all([...agents.map(pollLoop), ...agents.map(heartbeatLoop)]),
    /** Ends the loops: parked polls are cut (they would hold their loops for up to 25 s more). */
    stop,
    /** Closes every connection once the loops have ended. */
    destroy() {
      stop();
      beats.destroy();
      results.destroy();
    },
  };
}

module.exports = { failureTally, simulatedAgents };
