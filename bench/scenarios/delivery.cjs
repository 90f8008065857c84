// B2: how long after the operator's execute request returns does a long-polling agent hold the command?
const { percentile } = require('../lib/stats.cjs');

async function commandDelivery({ url, admin, agent, serviceId, iterations }) {
  const auth = { authorization: `Bearer ${agent.agentToken}` };
  const samples = [];
  for (let i = 0; i < iterations; i++) {
    const poll = fetch(`${url}/api/agents/${agent.agentId}/commands?waitSeconds=30&limit=1`, { headers: auth }).then(async (r) => ({ at: performance.now(), body: await r.json() }));
    await new Promise((r) => setTimeout(r, 15)); // let the poll park on the server
    const command = await admin.post(`/api/admin/capsule-services/${serviceId}/actions/echo`, { payload: { i } });
    const returned = performance.now();
    const delivered = await poll;
    if (delivered.body.data?.[0]?.id !== command.id) throw new Error(`poll delivered ${JSON.stringify(delivered.body).slice(0, 200)}, expected ${command.id}`);
    samples.push(Math.max(0, delivered.at - returned));
    await fetch(`${url}/api/agents/${agent.agentId}/commands/${command.id}/result`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ success: true, data: {} }) });
  }
  return { p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), samples: samples.length };
}

/** A bare loopback HTTP round trip on the same machine, same client: the yardstick for delivery latency. */
async function roundTrip({ url, iterations }) {
  const samples = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await (await fetch(`${url}/ping`)).json();
    samples.push(performance.now() - started);
  }
  return { p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), samples: samples.length };
}

module.exports = { commandDelivery, roundTrip };
