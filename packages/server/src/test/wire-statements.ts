import type { Socket } from 'node:net';
import { TcpProxy } from './tcp-proxy';

/** Statements Chorus runs once a second whatever the load (token re-checks, rate-limit settlement). */
export const BACKGROUND = /^\s*\/\* background \*\//;

/**
 * A relay in front of PostgreSQL that reads the frontend protocol and records every statement a
 * client sends: a simple Query ('Q') or a Parse ('P') of the extended protocol, as on the wire.
 */
export class WireStatements {
  readonly proxy: TcpProxy;
  private statements: string[] = [];
  private readonly pending = new WeakMap<Socket, { buffer: Buffer; started: boolean }>();

  constructor(host: string, port: number) {
    this.proxy = new TcpProxy(host, port, (client, chunk) => this.read(client, chunk));
  }

  /** `url` with its host replaced by the relay's (call after `proxy.up()`). */
  relayed(url: string): string {
    const relayed = new URL(url);
    relayed.host = `127.0.0.1:${this.proxy.port}`;
    return relayed.toString();
  }

  /** The statements sent since the last call, the background ones left out. */
  take(): string[] {
    const taken = this.statements.filter((sql) => !BACKGROUND.test(sql));
    this.statements = [];
    return taken;
  }

  private read(client: Socket, chunk: Buffer) {
    const state = this.pending.get(client) ?? { buffer: Buffer.alloc(0), started: false };
    this.pending.set(client, state);
    let buffer = Buffer.concat([state.buffer, chunk]);
    for (;;) {
      // The startup message has no type byte; every later one is type + int32 length + body.
      const header = state.started ? 5 : 4;
      if (buffer.length < header) break;
      const length = buffer.readInt32BE(state.started ? 1 : 0);
      const total = state.started ? length + 1 : length;
      if (buffer.length < total) break;
      if (state.started) {
        const type = String.fromCharCode(buffer[0]!);
        const body = buffer.subarray(5, total);
        if (type === 'Q') this.statements.push(cString(body, 0));
        // Parse: statement name, then the SQL.
        if (type === 'P') this.statements.push(cString(body, body.indexOf(0) + 1));
      }
      state.started = true;
      buffer = buffer.subarray(total);
    }
    state.buffer = buffer;
  }
}

function cString(buffer: Buffer, start: number): string {
  return buffer.subarray(start, buffer.indexOf(0, start)).toString('utf8');
}
