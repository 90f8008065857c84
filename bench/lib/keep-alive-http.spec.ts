// The bench's lean HTTP client (B3's simulated fleet) against a real Node HTTP server on loopback.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

// A CommonJS bench module (not part of the typechecked build).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KeepAliveConnection, KeepAlivePool, parseResponse, requestBytes } = require('./keep-alive-http.cjs');

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

describe('bench keep-alive HTTP client', () => {
  let server: Server;
  let port: number;
  let handler: Handler;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => handler(request, body, response));
    });
    server.on('connection', (socket) => sockets.add(socket));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });
  beforeEach(() => sockets.clear());

  const target = () => ({ host: '127.0.0.1', port });
  const json = (response: ServerResponse, status: number, value: unknown) => {
    const text = JSON.stringify(value);
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    response.end(text);
  };

  it('sends method, path, headers and body, and reads status and a UTF-8 body', async () => {
    handler = (request, body, response) => json(response, 201, { method: request.method, url: request.url, auth: request.headers.authorization, body, note: 'größe ✓' });
    const connection = new KeepAliveConnection(target());
    const bytes = requestBytes({ method: 'POST', path: '/a/b?c=1', host: `127.0.0.1:${port}`, headers: { Authorization: 'Bearer t' }, body: '{"x":"é"}' });
    const response = await connection.request(bytes);
    expect(response.status).toBe(201);
    expect(JSON.parse(response.body)).toEqual({ method: 'POST', url: '/a/b?c=1', auth: 'Bearer t', body: '{"x":"é"}', note: 'größe ✓' });
    connection.destroy();
  });

  it('keeps one socket for consecutive requests, and reconnects after the server asks to close', async () => {
    let served = 0;
    handler = (_request, _body, response) => {
      served++;
      if (served === 2) response.setHeader('connection', 'close');
      json(response, 200, { served });
    };
    const connection = new KeepAliveConnection(target());
    const get = requestBytes({ method: 'GET', path: '/', host: 'x' });
    expect(JSON.parse((await connection.request(get)).body)).toEqual({ served: 1 });
    expect(JSON.parse((await connection.request(get)).body)).toEqual({ served: 2 });
    expect(sockets.size).toBe(1);
    expect(JSON.parse((await connection.request(get)).body)).toEqual({ served: 3 });
    expect(sockets.size).toBe(2);
    connection.destroy();
  });

  it('waits for a body that arrives in pieces', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(200, { 'content-length': 10 });
      response.write('01234');
      setTimeout(() => response.end('56789'), 50);
    };
    const connection = new KeepAliveConnection(target());
    expect(await connection.request(requestBytes({ method: 'GET', path: '/', host: 'x' }))).toEqual({ status: 200, body: '0123456789' });
    connection.destroy();
  });

  it('fails a request cut by destroy(), and serves the next one on a new socket', async () => {
    handler = (request, _body, response) => (request.url === '/park' ? undefined : json(response, 200, {}));
    const connection = new KeepAliveConnection(target());
    const parked = connection.request(requestBytes({ method: 'GET', path: '/park', host: 'x' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    connection.destroy();
    await expect(parked).rejects.toThrow('socket closed before the response was complete');
    expect((await connection.request(requestBytes({ method: 'GET', path: '/', host: 'x' }))).status).toBe(200);
    connection.destroy();
  });

  it('refuses a response it cannot read (no Content-Length) with the reason', async () => {
    handler = (_request, _body, response) => {
      response.write('chunked');
      response.end();
    };
    const connection = new KeepAliveConnection(target());
    await expect(connection.request(requestBytes({ method: 'GET', path: '/', host: 'x' }))).rejects.toThrow('response without Content-Length');
  });

  it('refuses a second request while one is in flight on a connection', async () => {
    handler = (_request, _body, response) => setTimeout(() => json(response, 200, {}), 20);
    const connection = new KeepAliveConnection(target());
    const get = requestBytes({ method: 'GET', path: '/', host: 'x' });
    const first = connection.request(get);
    await expect(connection.request(get)).rejects.toThrow('already in flight');
    expect((await first).status).toBe(200);
    connection.destroy();
  });

  it('a pool answers more concurrent requests than it has connections, on at most that many sockets', async () => {
    handler = (request, _body, response) => setTimeout(() => json(response, 200, { url: request.url }), 5);
    const pool = new KeepAlivePool({ ...target(), size: 3 });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.request(requestBytes({ method: 'GET', path: `/${i}`, host: 'x' }))));
    expect(answers.map((answer: { body: string }) => JSON.parse(answer.body).url)).toEqual(Array.from({ length: 20 }, (_, i) => `/${i}`));
    expect(sockets.size).toBe(3);
    pool.destroy();
  });

  it('parseResponse reads nothing until headers and body are complete', () => {
    const whole = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}');
    expect(parseResponse(whole.subarray(0, 20))).toBeNull();
    expect(parseResponse(whole.subarray(0, whole.length - 1))).toBeNull();
    expect(parseResponse(whole)).toMatchObject({ status: 200, body: '{}', close: false });
    expect(() => parseResponse(Buffer.from('SSH-2.0\r\n\r\n'))).toThrow('not an HTTP/1.1 response');
  });
});
