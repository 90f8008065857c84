// A lean HTTP/1.1 client for B3's simulated fleet: requests built once as bytes, written to kept-alive sockets one at a
// time, answers read for their status and Content-Length body only (what Opstage and the baseline send). It stands in
// for thousands of remote machines on the two cores the server uses, so its cost per request is the point: against a
// trivial local server it took ~24 µs of CPU per request where `http.request` with a keep-alive agent took 70–95 µs and
// undici's Pool ~60 µs (docs/benchmarks.md, B3 findings of session 18). autocannon writes its requests the same way.
const net = require('node:net');

const HEADER_END = Buffer.from('\r\n\r\n');

/** The bytes of one request; `headers` are written as given, Content-Length is added for a body. */
function requestBytes({ method, path, host, headers = {}, body }) {
  const lines = [`${method} ${path} HTTP/1.1`, `Host: ${host}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
  if (body !== undefined) lines.push(`Content-Length: ${payload.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

/**
 * Splits one complete response off the front of `buffer`: `{ status, body, close, rest }`, or null while it is
 * incomplete. Throws for what this client does not read (a body without Content-Length, e.g. chunked).
 */
function parseResponse(buffer) {
  const headerEnd = buffer.indexOf(HEADER_END);
  if (headerEnd === -1) return null;
  const head = buffer.toString('latin1', 0, headerEnd);
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  if (!status) throw new Error(`not an HTTP/1.1 response: ${head.slice(0, 40)}`);
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (!length) throw new Error(`response without Content-Length: ${head.slice(0, 200)}`);
  const bodyStart = headerEnd + HEADER_END.length;
  const bodyEnd = bodyStart + Number(length[1]);
  if (buffer.length < bodyEnd) return null;
  return {
    status: Number(status[1]),
    body: buffer.toString('utf8', bodyStart, bodyEnd),
    close: /\r\nconnection: *close/i.test(head),
    rest: buffer.subarray(bodyEnd),
  };
}

/** One kept-alive connection, one request at a time; (re)connects on demand after the server or `destroy()` closed it. */
class KeepAliveConnection {
  constructor({ host, port }) {
    this.host = host;
    this.port = port;
    this.socket = null;
    this.pending = null;
    this.buffer = Buffer.alloc(0);
  }

  /** Sends `bytes` (see {@link requestBytes}) and resolves with `{ status, body }`. */
  request(bytes) {
    if (this.pending) return Promise.reject(new Error('a request is already in flight on this connection'));
    this.socket ??= this.connect();
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(bytes);
    });
  }

  /** Closes the socket; a request in flight fails. */
  destroy() {
    this.socket?.destroy();
  }

  connect() {
    const socket = net.connect(this.port, this.host);
    socket.setNoDelay(true);
    this.buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => this.read(socket, chunk));
    socket.on('error', () => {}); // 'close' follows and settles the request in flight
    socket.on('close', () => {
      if (this.socket !== socket) return; // one the server asked to close, after its last answer
      this.socket = null;
      this.settle(null, new Error('socket closed before the response was complete'));
    });
    return socket;
  }

  read(socket, chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    let response;
    try {
      response = parseResponse(this.buffer);
    } catch (error) {
      socket.destroy();
      return this.settle(null, error);
    }
    if (!response) return;
    this.buffer = response.rest;
    if (response.close) {
      this.socket = null;
      socket.end();
    }
    this.settle({ status: response.status, body: response.body });
  }

  settle(response, error) {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    if (error) pending.reject(error);
    else pending.resolve(response);
  }
}

/** Up to `size` kept-alive connections shared by many callers; a request waits for a free one. */
class KeepAlivePool {
  constructor({ host, port, size }) {
    this.idle = Array.from({ length: size }, () => new KeepAliveConnection({ host, port }));
    this.all = [...this.idle];
    this.waiting = [];
  }

  async request(bytes) {
    const connection = this.idle.pop() ?? (await new Promise((resolve) => this.waiting.push(resolve)));
    try {
      return await connection.request(bytes);
    } finally {
      const next = this.waiting.shift();
      if (next) next(connection);
      else this.idle.push(connection);
    }
  }

  destroy() {
    for (const connection of this.all) connection.destroy();
  }
}

module.exports = { KeepAliveConnection, KeepAlivePool, parseResponse, requestBytes };
