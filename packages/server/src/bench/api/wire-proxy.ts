import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

/**
 * TCP relays between each server of the bench and PostgreSQL that count the SQL statements sent,
 * read from the frontend protocol: a simple Query ('Q') or an extended-protocol Execute ('E') is
 * one statement. They run in a process of their own, so that relaying does not share the event
 * loop of the load generator.
 */

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/** Counts statements in one client's byte stream to PostgreSQL, across chunk boundaries. */
export class FrontendCounter {
  statements = 0;
  private startup = true;
  private header = Buffer.alloc(0);
  private skip = 0;

  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.skip > 0) {
        const skipped = Math.min(this.skip, chunk.length - offset);
        this.skip -= skipped;
        offset += skipped;
        continue;
      }
      // Startup messages have no type byte: length (4) then a code; the others a type and a length.
      const headerLength = this.startup ? 8 : 5;
      const take = Math.min(headerLength - this.header.length, chunk.length - offset);
      this.header = Buffer.concat([this.header, chunk.subarray(offset, offset + take)]);
      offset += take;
      if (this.header.length < headerLength) return;
      if (this.startup) {
        const length = this.header.readInt32BE(0);
        const code = this.header.readInt32BE(4);
        // After SSLRequest/GSSENCRequest the client sends its StartupMessage next.
        if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) this.startup = false;
        this.skip = length - 8;
      } else {
        const type = String.fromCharCode(this.header[0]!);
        if (type === 'Q' || type === 'E') this.statements++;
        this.skip = this.header.readInt32BE(1) - 4;
      }
      this.header = Buffer.alloc(0);
    }
  }
}

type ProxyRequest = { type: 'open'; name: string; host: string; port: number } | { type: 'counts' };
type ProxyReply = { type: 'opened'; name: string; port: number } | { type: 'counts'; counts: Record<string, number> };

/** The child's side: relays opened on request, counts on request. */
function serveProxies(): void {
  const counts: Record<string, number> = {};
  process.on('message', (message: ProxyRequest) => {
    if (message.type === 'counts') return void process.send!({ type: 'counts', counts } satisfies ProxyReply);
    const { name, host, port } = message;
    counts[name] = 0;
    const server = createServer((client: Socket) => {
      const upstream = connect(port, host);
      const counter = new FrontendCounter();
      client.on('data', (chunk: Buffer) => {
        const before = counter.statements;
        counter.push(chunk);
        counts[name]! += counter.statements - before;
        upstream.write(chunk);
      });
      upstream.pipe(client);
      for (const socket of [client, upstream]) socket.on('error', () => socket.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    server.listen(0, '127.0.0.1', () => {
      const opened: ProxyReply = { type: 'opened', name, port: (server.address() as AddressInfo).port };
      process.send!(opened);
    });
  });
  process.on('disconnect', () => process.exit(0));
}

/** The parent's handle on the relay process. */
export class WireProxies {
  private constructor(private readonly child: ChildProcess) {}

  static start(): WireProxies {
    return new WireProxies(fork(__filename, ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }

  /** A relay named `name` to PostgreSQL at host:port; returns the port to connect to instead. */
  async open(name: string, host: string, port: number): Promise<number> {
    const reply = this.reply((m) => m.type === 'opened' && m.name === name);
    this.child.send({ type: 'open', name, host, port } satisfies ProxyRequest);
    return ((await reply) as { port: number }).port;
  }

  /** Statements sent through each relay so far. */
  async counts(): Promise<Record<string, number>> {
    const reply = this.reply((m) => m.type === 'counts');
    this.child.send({ type: 'counts' } satisfies ProxyRequest);
    return ((await reply) as { counts: Record<string, number> }).counts;
  }

  async stop(): Promise<void> {
    const exited = once(this.child, 'exit');
    this.child.disconnect();
    await exited;
  }

  private reply(matches: (message: ProxyReply) => boolean): Promise<ProxyReply> {
    return new Promise((resolve) => {
      const listener = (message: ProxyReply) => {
        if (!matches(message)) return;
        this.child.off('message', listener);
        resolve(message);
      };
      this.child.on('message', listener);
    });
  }
}

if (require.main === module && process.argv.includes('--serve')) serveProxies();
