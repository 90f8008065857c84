// Preloaded into a server process by a test (NODE_OPTIONS=--require …): a listen() on TEST_LISTEN_FROM is moved to
// TEST_LISTEN_TO and noted on stderr, so a test can prove which port the server asks for by default (8080) without
// needing that port free on the machine.
const net = require('node:net');

const from = Number(process.env.TEST_LISTEN_FROM);
const to = Number(process.env.TEST_LISTEN_TO);
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const [first] = args;
  if (first && typeof first === 'object' && Number(first.port) === from) args[0] = { ...first, port: to };
  else if (Number(first) === from) args[0] = to;
  else return listen.apply(this, args);
  process.stderr.write(`test: listen on port ${from} moved to ${to}\n`);
  return listen.apply(this, args);
};
