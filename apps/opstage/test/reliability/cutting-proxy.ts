import { AddressInfo, connect, createServer, Server, Socket } from 'node:net';

/** What to break, once, on the next request whose head matches. */
export type Fault = 'cut-request-body' | 'drop-response';

/**
 * A loopback TCP proxy in front of Opstage that understands just enough HTTP/1.1 framing (request heads and
 * Content-Length bodies, keep-alive included) to break one chosen request: either forward its head and half its body
 * and then drop both connections (the request never completes on the server), or forward it whole and drop the
 * connection instead of the answer (the server committed, the client never heard). Every other byte passes untouched.
 */
export class CuttingProxy {
  /** HTTP status of every response that came back from Opstage through the proxy. */
  readonly statuses: number[] = [];
  faultsApplied = 0;
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private armed?: { fault: Fault; matches: (head: string) => boolean };

  constructor(private readonly upstreamPort: number) {}

  async start(): Promise<string> {
    this.server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  arm(fault: Fault, matches: (head: string) => boolean): void {
    this.armed = { fault, matches };
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy(); // keep-alive connections would hold close() open
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private relay(client: Socket): void {
    const upstream = connect(this.upstreamPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    }
    const destroyBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', destroyBoth);
    upstream.on('error', destroyBoth);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());

    let swallowResponse = false;
    upstream.on('data', (chunk: Buffer) => {
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(chunk.subarray(0, 16).toString('latin1'));
      if (status) this.statuses.push(Number(status[1]));
      if (swallowResponse) return destroyBoth();
      client.write(chunk);
    });

    let pending = Buffer.alloc(0);
    let bodyLeft = 0;
    let cutAfter: number | undefined; // body bytes still to forward before cutting this request
    client.on('data', (chunk: Buffer) => {
      if (cutAfter === 0) return; // cut: the rest of this connection goes nowhere
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        if (bodyLeft > 0) {
          const n = Math.min(bodyLeft, pending.length, cutAfter ?? Infinity);
          if (n === 0) return;
          upstream.write(pending.subarray(0, n));
          pending = pending.subarray(n);
          bodyLeft -= n;
          if (cutAfter !== undefined) {
            cutAfter -= n;
            // Give the server time to read the partial body, then drop both sides mid-request.
            if (cutAfter === 0) return void setTimeout(destroyBoth, 100);
          }
          continue;
        }
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = pending.subarray(0, end + 4);
        pending = pending.subarray(end + 4);
        bodyLeft = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head.toString('latin1'))?.[1] ?? 0);
        if (this.armed?.matches(head.toString('latin1'))) {
          const { fault } = this.armed;
          this.armed = undefined;
          this.faultsApplied++;
          if (fault === 'cut-request-body') cutAfter = Math.max(1, Math.floor(bodyLeft / 2));
          else swallowResponse = true;
        }
        upstream.write(head);
      }
    });
  }
}
