// The simulated agents of B3, shared by the fleet's load process and its probe thread: each agent long-polls for
// commands (answering them at once) and heartbeats on its own fixed schedule, as an embedded agent does.
const http = require('node:http');

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
  const polls = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const beats = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const results = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const heartbeatLatencies = [];
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

  const pollLoop = async (agent) => {
    while (running()) {
      try {
        const res = await call(polls, `${url}/api/agents/${agent.agentId}/commands?waitSeconds=25&limit=5`, 'GET', { authorization: `Bearer ${agent.agentToken}` });
        if (res.status !== 200) tally.failed('poll', `${res.status} ${res.text}`);
        const commands = res.status === 200 ? JSON.parse(res.text).data : [];
        for (const command of commands) {
          onCommand(command.id);
          void call(results, `${url}/api/agents/${agent.agentId}/commands/${command.id}/result`, 'POST', { authorization: `Bearer ${agent.agentToken}` }, JSON.stringify({ success: true, data: {} })).then(
            (r) => r.status === 200 || tally.failed('result', `${r.status} ${r.text}`),
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
    let slot = Date.now() + Math.random() * heartbeatMs;
    await sleep(slot - Date.now());
    while (running()) {
      const started = performance.now();
      try {
        const res = await call(beats, `${url}/api/agents/${agent.agentId}/heartbeat`, 'POST', { authorization: `Bearer ${agent.agentToken}` }, '{}');
        if (res.status === 200) heartbeatLatencies.push(performance.now() - started);
        else tally.failed('heartbeat', `${res.status} ${res.text}`);
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
    /** Closes the pools once the loops have ended. */
    destroy() {
      polls.destroy();
      beats.destroy();
      results.destroy();
    },
    /** Ends the loops: parked polls are cut (they would hold their loops for up to 25 s more). */
    stop() {
      stopped = true;
      polls.destroy();
    },
  };
}

module.exports = { call, failureTally, simulatedAgents };
