// Requests per second of one route under load (autocannon, keep-alive connections), Opstage and baseline alike.
const autocannon = require('autocannon');

/** `next()` gives each request's path, headers and body (so heartbeats rotate through many agents' tokens). */
async function throughput({ url, duration, connections = 50, method = 'GET', next }) {
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [{ method, setupRequest: (request) => ({ ...request, ...next() }) }],
  });
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(`load against ${url} saw ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts: the measurement is not valid`);
  }
  return { rps: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, total: result.requests.total };
}

function heartbeatRequests(agents) {
  let i = 0;
  return () => {
    const agent = agents[i++ % agents.length];
    return { path: `/api/agents/${agent.agentId}/heartbeat`, headers: { authorization: `Bearer ${agent.agentToken}`, 'content-type': 'application/json' }, body: '{}' };
  };
}

/** Bus events (B4) published by the agents in turn, each as its own service; a route turns each into one command. */
function busEventRequests(agents, eventType) {
  let i = 0;
  return () => {
    const agent = agents[i++ % agents.length];
    const body = JSON.stringify({ eventType, sourceServiceCode: agent.serviceCode, payload: { n: i, note: 'bench' } });
    return { path: `/api/agents/${agent.agentId}/bus/events`, headers: { authorization: `Bearer ${agent.agentToken}`, 'content-type': 'application/json' }, body };
  };
}

module.exports = { throughput, heartbeatRequests, busEventRequests };
