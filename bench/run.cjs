#!/usr/bin/env node
// `npm run bench` (full) / `npm run bench:quick` (under 3 minutes). Every scenario is measured against a baseline in
// the same run, because this machine is shared and absolute figures drift: the ratio is the result. Writes
// bench/results/latest.json and the results section of docs/benchmarks.md.
const { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { parseArgs } = require('node:util');
const { login, registerAgents } = require('./lib/admin.cjs');
const { ROOT, SERVER_MAIN, freePort, startBaseline, startOpstage, stop, rssKb } = require('./lib/processes.cjs');
const { seedServices } = require('./lib/seed.cjs');
const { seedAgents } = require('./lib/seed-agents.cjs');
const { LOAD_POLICY, runFleet } = require('./scenarios/fleet.cjs');
const { round } = require('./lib/stats.cjs');
const { commandDelivery, roundTrip } = require('./scenarios/delivery.cjs');
const { busEventRequests, heartbeatRequests, throughput } = require('./scenarios/throughput.cjs');

/**
 * `--quick`: under 3 minutes. `--only B3` (or `--only B1,B5`…) runs those scenarios alone and only prints them: a
 * partial run must not replace the committed results. `--fleets 100,10000` sets B3's fleet sizes (the first is the one
 * the others are compared with).
 */
const { values: args } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, fleets: { type: 'string' } } });
const quick = args.quick;
const settings = quick
  ? { duration: 5, rounds: 1, agents: 50, services: 10_000, deliveries: 100, roundTrips: 300, fleets: [100, 1000], fleetSeconds: 12, fleetProbes: 80 }
  : { duration: 15, rounds: 2, agents: 200, services: 10_000, deliveries: 300, roundTrips: 1000, fleets: [100, 1000, 10_000], fleetSeconds: 60, fleetProbes: 1000 };
const only = args.only?.split(',');
const unknown = only?.filter((name) => !['B1', 'B2', 'B3', 'B4', 'B5'].includes(name)) ?? [];
if (unknown.length) throw new Error(`--only takes B1, B2, B3, B4, B5 (comma-separated), not ${unknown.join(', ')}`);
const runs = (scenario) => !only || only.includes(scenario);
if (args.fleets) settings.fleets = args.fleets.split(',').map(Number);
/** The bus on for B4, with an ingest limit no benchmark reaches (the limit's own count query still runs). */
const BUS_ENV = { OPSTAGE_CAPSULE_BUS_ENABLED: 'true', OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN: '100000000' };
const BUS_EVENT = 'bench.tick';
/** Fleet heartbeats: the default 30 s cadence, this many times faster. */
const FLEET_COMPRESSION = 3;

const scenarios = [];
function record(name, metric, value, baseline, goal, { higherIsBetter = true, note } = {}) {
  const measured = Number.isFinite(value);
  const ratio = measured && baseline ? value / baseline : null;
  // A scenario that measured nothing (e.g. no delivery observed under overload) fails its goal rather than passing blank.
  const pass = goal === null ? null : !measured ? false : ratio === null ? null : higherIsBetter ? ratio >= goal : ratio <= goal;
  if (!measured) value = null;
  scenarios.push({ name, metric, value: round(value), baseline: round(baseline), ratio: round(ratio), goal, pass, ...(note ? { note } : {}) });
  process.stdout.write(`${name}: ${metric} ${round(value)} vs baseline ${round(baseline)} → ratio ${round(ratio)}${goal !== null ? ` (goal ${higherIsBetter ? '≥' : '≤'} ${goal}: ${pass ? 'pass' : 'MISS'})` : ''}\n`);
}

/** The service with exactly this code (`q` is a substring search: `bench-svc-1` also finds `bench-svc-10`…). */
async function serviceIdOf(session, code) {
  const found = (await session.get(`/api/admin/capsule-services?q=${code}&sort=code&pageSize=100`)).find((service) => service.code === code);
  if (!found) throw new Error(`no service ${code}`);
  return found.id;
}

/** Alternates Opstage and baseline `rounds` times and averages each, so drift hits both alike. */
async function alternate(rounds, measureOpstage, measureBaseline) {
  const o = [];
  const b = [];
  for (let i = 0; i < rounds; i++) {
    o.push(await measureOpstage());
    b.push(await measureBaseline());
  }
  const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return [mean(o), mean(b)];
}

/** Cores kept busy by other processes over one second, measured before the run starts (0 on a quiet machine). */
let busyCoresBefore = null;
async function busyCores(ms = 1000) {
  const total = () => os.cpus().reduce((sum, cpu) => [sum[0] + cpu.times.idle, sum[1] + Object.values(cpu.times).reduce((a, b) => a + b, 0)], [0, 0]);
  const [idle0, all0] = total();
  await new Promise((r) => setTimeout(r, ms));
  const [idle1, all1] = total();
  return os.cpus().length * (1 - (idle1 - idle0) / (all1 - all0));
}

async function main() {
  if (!existsSync(SERVER_MAIN)) throw new Error('dist/ is missing: run `npm run build` first');
  // A server or test left running elsewhere skews every figure (it once made the fleet's memory look better).
  busyCoresBefore = await busyCores();
  if (busyCoresBefore > 0.3) process.stdout.write(`warning: ${round(busyCoresBefore)} cores busy before the run (another server or test still running?); the ratios will be noisier\n`);
  const dir = mkdtempSync(join(os.tmpdir(), 'opstage-bench-'));
  const dataDir = join(dir, 'data');
  let opstage;
  let baseline;
  try {
    // Seed through the real API, then 10,000 services straight into the stopped server's file.
    opstage = await startOpstage({ port: await freePort(), dataDir, env: BUS_ENV });
    const admin = await login(opstage.url);
    const agents = await registerAgents(opstage.url, admin, settings.agents);
    // B4's route: every bench.tick event becomes an echo command on the first agent's service (copied to the baseline).
    await admin.post('/api/admin/bus/routes', { name: 'bench', status: 'ENABLED', eventType: BUS_EVENT, targetServiceCode: agents[0].serviceCode, actionName: 'echo', inputMapping: { n: '$event.payload.n', source: 'bench' } });
    await stop(opstage);
    seedServices(join(dataDir, 'opstage.db'), settings.services);
    const seededFleet = seedAgents(join(dataDir, 'opstage.db'), Math.max(...settings.fleets), 'fleet');
    copyFileSync(join(dataDir, 'opstage.db'), join(dir, 'baseline.db'));

    // Cold start to healthy, and idle memory once settled.
    opstage = await startOpstage({ port: await freePort(), dataDir, env: BUS_ENV });
    baseline = await startBaseline({ port: await freePort(), dbFile: join(dir, 'baseline.db') });
    await new Promise((r) => setTimeout(r, 2000));
    record('cold start', 'ms to a healthy answer', opstage.coldStartMs, baseline.coldStartMs, null, { higherIsBetter: false });
    record('idle memory', 'RSS KB after start', rssKb(opstage), rssKb(baseline), null, { higherIsBetter: false });

    let session = await login(opstage.url);
    const warm = (url, next, method) => throughput({ url, duration: 2, connections: 10, method, next });
    await warm(opstage.url, heartbeatRequests(agents), 'POST');
    await warm(baseline.url, heartbeatRequests(agents), 'POST');

    if (runs('B1')) {
      const [hbO, hbB] = await alternate(
        settings.rounds,
        async () => (await throughput({ url: opstage.url, duration: settings.duration, method: 'POST', next: heartbeatRequests(agents) })).rps,
        async () => (await throughput({ url: baseline.url, duration: settings.duration, method: 'POST', next: heartbeatRequests(agents) })).rps,
      );
      record('B1 heartbeat ingest', 'requests/s', hbO, hbB, 0.5);
    }

    if (runs('B5')) {
      // The baseline checks the session seeded before its copy of the database was taken (the same SQL as Opstage's).
      const listPath = '/api/admin/capsule-services?page=1&pageSize=20';
      const listO = () => ({ path: listPath, headers: { cookie: session.cookie } });
      const listB = () => ({ path: listPath, headers: { cookie: admin.cookie } });
      // Warmed like B1, so neither side's figure includes compiling the route.
      await warm(opstage.url, listO);
      await warm(baseline.url, listB);
      const [lsO, lsB] = await alternate(
        settings.rounds,
        async () => (await throughput({ url: opstage.url, duration: settings.duration, connections: 10, next: listO })).rps,
        async () => (await throughput({ url: baseline.url, duration: settings.duration, connections: 10, next: listB })).rps,
      );
      record(`B5 console API (services list, ${settings.services.toLocaleString('en')} services)`, 'requests/s', lsO, lsB, 0.3);
    }

    if (runs('B2')) {
      const target = agents[0];
      const serviceId = await serviceIdOf(session, target.serviceCode);
      const delivery = await commandDelivery({ url: opstage.url, admin: session, agent: target, serviceId, iterations: settings.deliveries });
      const trip = await roundTrip({ url: baseline.url, iterations: settings.roundTrips });
      record('B2 command delivery p99', 'ms from execute returning to the agent holding it', delivery.p99Ms, trip.p99Ms, 5, { higherIsBetter: false, note: `p50 ${round(delivery.p50Ms)} ms vs round trip p50 ${round(trip.p50Ms)} ms` });
    }

    if (runs('B3')) {
      const probes = [];
      for (const agent of agents.slice(0, 5)) probes.push({ ...agent, serviceId: await serviceIdOf(session, agent.serviceCode) });
      const fleetResults = [];
      for (const size of settings.fleets) {
        // Each fleet meets a freshly started server, as a real fleet does after a restart (all agents reconnect at once),
        // so its memory is measured from the same idle state every time, not from what the earlier scenarios left in
        // the heap (that made the per-agent figure swing by 2× between runs).
        await stop(opstage);
        opstage = await startOpstage({ port: await freePort(), dataDir, env: BUS_ENV });
        session = await login(opstage.url);
        await new Promise((r) => setTimeout(r, 2000));
        const idleRssKb = rssKb(opstage);
        const fleet = [...probes, ...seededFleet.slice(0, size - probes.length)];
        const result = await runFleet({ url: opstage.url, server: opstage, fleet, probes, admin: session, seconds: settings.fleetSeconds, compression: FLEET_COMPRESSION, probeCount: settings.fleetProbes });
        fleetResults.push({ size, idleRssKb, ...result });
        process.stdout.write(`  fleet ${size}: ${JSON.stringify(result)}\n`);
        await new Promise((r) => setTimeout(r, 2000));
      }
      const [first] = fleetResults;
      for (const result of fleetResults.slice(1)) {
        const label = `B3 fleet ${result.size.toLocaleString('en')} agents`;
        const failed = Object.entries(result.failures).filter(([, n]) => n).map(([kind, n]) => `${n} ${kind} (first: ${result.firstFailure[kind]})`).join(', ') || 'none';
        const context = `heartbeat p99 ${round(result.heartbeatP99Ms)} ms (100 agents: ${round(first.heartbeatP99Ms)} ms), server CPU ${round(result.cpuPercent, 0)}% (the fleet's load process ${round(result.loadCpuPercent, 0)}% as ${LOAD_POLICY}), the probe thread waited for a core ${round(result.probeThreadWaitMsPerSecond, 1)} ms a second (100 agents: ${round(first.probeThreadWaitMsPerSecond, 1)} ms), ${result.deliveries} of ${result.probesSent} probe commands delivered once all polls were parked (after ${round(result.parkedAfterMs / 1000, 1)} s), failed requests: ${failed}; heartbeats every ${30 / FLEET_COMPRESSION} s`;
        record(`${label}: delivery p99`, 'ms, vs the 100-agent fleet', result.deliveryP99Ms, first.deliveryP99Ms, 2, { higherIsBetter: false, note: context });
        // The 50 KB budget is the issue's goal for 10,000 agents; below that a loaded process's fixed working set (young
        // generation, code, allocator arenas: ~100 MB whatever the fleet) dominates the per-agent figure, so it is reported only.
        const memoryGoal = result.size >= 10_000 ? 1 : null;
        record(`${label}: memory`, 'KB RSS per agent, vs the 50 KB budget', Math.max(0, result.peakRssKb - result.idleRssKb) / result.size, 50, memoryGoal, { higherIsBetter: false, note: `peak RSS ${Math.round(result.peakRssKb / 1024)} MB, idle ${Math.round(result.idleRssKb / 1024)} MB before the fleet` });
      }
    }

    if (runs('B4')) {
      // B4: the route's target must be a ready agent, so it heartbeats before each round (both servers).
      const publishers = agents.slice(1);
      const freshTarget = async (url) => {
        await fetch(`${url}/api/agents/${agents[0].agentId}/heartbeat`, { method: 'POST', headers: { authorization: `Bearer ${agents[0].agentToken}`, 'content-type': 'application/json' }, body: '{}' });
        await new Promise((r) => setTimeout(r, 1500));
      };
      const bus = async (url) => {
        await freshTarget(url);
        return throughput({ url, duration: settings.duration, connections: 10, method: 'POST', next: busEventRequests(publishers, BUS_EVENT) });
      };
      await warm(opstage.url, busEventRequests(publishers, BUS_EVENT), 'POST');
      await warm(baseline.url, busEventRequests(publishers, BUS_EVENT), 'POST');
      const busLatency = {};
      const [busO, busB] = await alternate(
        settings.rounds,
        async () => ((busLatency.opstage = await bus(opstage.url)), busLatency.opstage.rps),
        async () => ((busLatency.baseline = await bus(baseline.url)), busLatency.baseline.rps),
      );
      const created = await session.get(`/api/admin/bus/diagnostics`);
      const route = created.routes[0];
      record('B4 bus event → command', 'events/s, each routed to one command in its transaction', busO, busB, 0.4, {
        note: `ingest latency p50/p99 ${round(busLatency.opstage.p50Ms)}/${round(busLatency.opstage.p99Ms)} ms vs baseline ${round(busLatency.baseline.p50Ms)}/${round(busLatency.baseline.p99Ms)} ms; the route dispatched ${route.dispatched} commands, ${route.failed} failed`,
      });
    }
  } finally {
    await stop(opstage);
    await stop(baseline);
    rmSync(dir, { recursive: true, force: true });
  }
  if (only) process.stdout.write(`--only ${only.join(',')}: bench/results/latest.json and docs/benchmarks.md left as they were\n`);
  else writeResults();
}

function machine() {
  const cpus = os.cpus();
  return { cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`, memoryGiB: round(os.totalmem() / 2 ** 30, 1), node: process.version, platform: `${os.type()} ${os.release()}`, busyCoresBefore: round(busyCoresBefore), note: 'shared machine: read the ratios, not the absolute figures' };
}

function writeResults() {
  const results = { generatedAt: new Date().toISOString(), mode: quick ? 'quick' : 'full', machine: machine(), scenarios };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const fmt = (v) => (v === null || v === undefined ? '—' : String(v));
  const table = [
    '| Scenario | Metric | Opstage | Baseline | Ratio | Goal | Pass |',
    '|---|---|---|---|---|---|---|',
    ...scenarios.map((s) => `| ${s.name} | ${s.metric} | ${fmt(s.value)} | ${fmt(s.baseline)} | ${fmt(s.ratio)} | ${s.goal === null ? '—' : s.goal} | ${s.pass === null ? (s.note ?? '—') : s.pass ? 'yes' : '**no**'} |`),
  ];
  const notes = scenarios.filter((s) => s.note && s.pass !== null).map((s) => `- ${s.name}: ${s.note}`);
  const section = [
    '<!-- bench:results:start (written by bench/run.cjs) -->',
    `Command: \`npm run ${quick ? 'bench:quick' : 'bench'}\` — ${results.generatedAt}, ${results.mode} mode.`,
    '',
    `Machine: ${results.machine.cpu}, ${results.machine.memoryGiB} GiB, ${results.machine.platform}, Node ${results.machine.node}, ${results.machine.busyCoresBefore} cores busy with other work before the run (${results.machine.note}).`,
    '',
    ...table,
    ...(notes.length ? ['', ...notes] : []),
    '<!-- bench:results:end -->',
  ].join('\n');
  const docPath = join(ROOT, 'docs', 'benchmarks.md');
  const current = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n\n';
  const marked = /<!-- bench:results:start[\s\S]*?<!-- bench:results:end -->/;
  const next = marked.test(current) ? current.replace(marked, section) : `${current.trimEnd()}\n\n## Server benchmarks\n\n${section}\n`;
  writeFileSync(docPath, next.endsWith('\n') ? next : `${next}\n`);
  process.stdout.write(`Wrote bench/results/latest.json and docs/benchmarks.md\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
