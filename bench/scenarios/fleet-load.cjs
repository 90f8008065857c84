// B3's load process: the fleet's simulated agents (all but the probe agents), started by fleet.cjs at a lower CPU
// priority. Told the agents over IPC, it runs them until told 'stop', then sends back what it measured and exits.
const { failureTally, simulatedAgents } = require('./fleet-agents.cjs');

process.once('message', ({ url, agents, heartbeatMs }) => {
  const tally = failureTally();
  const fleet = simulatedAgents({ url, heartbeatMs, tally });
  process.on('message', (message) => message === 'stop' && fleet.stop());
  void fleet.run(agents).then(() => {
    fleet.destroy();
    process.send({ type: 'done', heartbeatLatencies: fleet.heartbeatLatencies, failures: tally.failures, firstFailure: tally.firstFailure }, () => process.exit(0));
  });
});
