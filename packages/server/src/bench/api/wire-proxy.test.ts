import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { Client } from 'pg';
import { serverUrl } from '../../test/database';
import { FrontendCounter } from './wire-proxy';

/** A relay to the test PostgreSQL that feeds the client's bytes to a counter one byte at a time. */
async function countingRelay(counter: FrontendCounter): Promise<Server> {
  const target = new URL(serverUrl());
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    client.on('data', (chunk: Buffer) => {
      // Byte by byte: a message header split across TCP chunks must still be read whole.
      for (let i = 0; i < chunk.length; i++) counter.push(chunk.subarray(i, i + 1));
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

describe("the bench's count of SQL statements on the wire", () => {
  it('counts each simple query and each parameterised statement once, and nothing for connecting', async () => {
    const counter = new FrontendCounter();
    const relay = await countingRelay(counter);
    const url = new URL(serverUrl());
    url.hostname = '127.0.0.1';
    url.port = String((relay.address() as AddressInfo).port);
    const client = new Client({ connectionString: url.toString() });
    try {
      await client.connect();
      expect(counter.statements).toBe(0);
      await client.query('SELECT 1');
      await client.query('SELECT $1::int AS n', [2]);
      await client.query({ name: 'prepared', text: 'SELECT $1::text AS t', values: ['x'] });
      await client.query({ name: 'prepared', text: 'SELECT $1::text AS t', values: ['y'] });
      expect(counter.statements).toBe(4);
    } finally {
      await client.end();
      relay.close();
    }
  });
});
