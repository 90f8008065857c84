// A logged-in admin session against Opstage, for seeding and for the console-API scenario.
async function login(url, username = 'bench@example.test', password = 'Bench-Password-123!') {
  const res = await fetch(`${url}/api/admin/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { data } = await res.json();
  return adminClient(url, { cookie, 'x-csrf-token': data.csrfToken });
}

/** Calls as the session these headers (its cookie and CSRF token) carry: `headers` can be handed to a worker thread. */
function adminClient(url, headers) {
  const call = async (method, path, body) => {
    const r = await fetch(`${url}${path}`, { method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const json = await r.json();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
    return json.data;
  };
  return { cookie: headers.cookie, headers, get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) };
}

/** Registers `count` agents, each with one service carrying an `echo` action; returns their ids and tokens. */
async function registerAgents(url, admin, count, prefix = 'bench') {
  const agents = [];
  for (let i = 0; i < count; i++) {
    const { rawToken } = await admin.post('/api/admin/registration-tokens', { name: `${prefix}-${i}` });
    const service = { code: `${prefix}-svc-${i}`, name: `Bench service ${i}`, manifest: {}, health: { status: 'UP' }, actions: [{ name: 'echo', label: 'Echo' }] };
    const res = await fetch(`${url}/api/agents/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ registrationToken: rawToken, agent: { code: `${prefix}-agent-${i}` }, service }) });
    const { data } = await res.json();
    agents.push({ agentId: data.agentId, agentToken: data.agentToken, serviceCode: service.code });
  }
  return agents;
}

module.exports = { adminClient, login, registerAgents };
