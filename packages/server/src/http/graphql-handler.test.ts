import { Writable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ErrorCode, LIMITS } from '@chorus/shared';
import pino from 'pino';
import { TestServer } from '../test/harness';
import { rawRequest } from '../test/raw-request';

const lines: { msg: string; req?: { id: string; path: string }; res?: { statusCode: number } }[] = [];
let server: TestServer;
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  server = await TestServer.start({ logger: pino({ level: 'info' }, sink) });
});
afterAll(() => server.stop());

const post = (body: string, headers: Record<string, string> = {}) =>
  rawRequest(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

const LARGE = JSON.stringify({ query: '{ __schema { types { name description fields { name description } } } }' });
const SMALL = JSON.stringify({ query: '{ __typename }' });

describe('response compression', () => {
  it.each([
    ['gzip', gunzipSync],
    ['br', brotliDecompressSync],
  ])(
    'sends a large answer %s-encoded to a client that accepts it, decoding to the same JSON',
    async (encoding, decode) => {
      const plain = await post(LARGE);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const compressed = await post(LARGE, { 'accept-encoding': encoding });
      expect(compressed.status).toBe(200);
      expect(compressed.headers['content-encoding']).toBe(encoding);
      expect(compressed.headers.vary).toMatch(/accept-encoding/i);
      expect(compressed.body.length).toBeLessThan(plain.body.length / 3);
      // The same answer but for the budget left, which the second request spent some of.
      expect(JSON.parse(decode(compressed.body).toString()).data).toEqual(JSON.parse(plain.body.toString()).data);
    },
  );

  it('prefers the encoding the client ranks higher', async () => {
    const reply = await post(LARGE, { 'accept-encoding': 'br;q=0.5, gzip' });
    expect(reply.headers['content-encoding']).toBe('gzip');
    const refused = await post(LARGE, { 'accept-encoding': 'gzip;q=0, br;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('leaves a small answer as it is', async () => {
    const reply = await post(SMALL, { 'accept-encoding': 'gzip, br' });
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(reply.body.toString())).toEqual(expect.objectContaining({ data: { __typename: 'Query' } }));
  });
});

describe('request bodies', () => {
  it.each(['{"query": ', 'query { __typename }', '"{ __typename }"'])(
    'refuses %j as not JSON with 400 BAD_USER_INPUT',
    async (body) => {
      const reply = await post(body);
      expect(reply.status).toBe(400);
      const answer = JSON.parse(reply.body.toString());
      expect(answer.errors[0].extensions.code).toBe(ErrorCode.BAD_USER_INPUT);
      expect(answer.errors[0].message).toBe('Request body is not valid JSON');
    },
  );

  it('answers 413 to a body over the limit sent without a length', async () => {
    const reply = await post(JSON.stringify({ query: SMALL, variables: { padding: 'x'.repeat(LIMITS.bodyBytes) } }), {
      'transfer-encoding': 'chunked',
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body.toString()).errors[0].extensions.code).toBe(ErrorCode.QUERY_TOO_COMPLEX);
  });

  it('answers a body in another charset as before, never with a 5xx', async () => {
    const reply = await post(SMALL, { 'content-type': 'application/json; charset=latin1' });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
  });
});

describe('the request log', () => {
  /** The log line for a request, once written: the server logs when its reply is handed over. */
  async function lineFor(id: string) {
    for (let turn = 0; turn < 1_000; turn++) {
      const line = lines.find((entry) => entry.req?.id === id && entry.res);
      if (line) return line;
      await setImmediate();
    }
    return undefined;
  }

  it('has a line for a refused request, with its id and path but no query string', async () => {
    const reply = await post('{"query": ', { 'x-request-id': 'refused-1' });
    expect(reply.status).toBe(400);
    expect(await lineFor('refused-1')).toMatchObject({
      msg: 'request failed',
      req: { id: 'refused-1', path: '/graphql' },
      res: { statusCode: 400 },
    });
  });

  it('has none for a quick answer', async () => {
    await post(SMALL, { 'x-request-id': 'quick-1' });
    // A later failed request's line comes after any line the quick one would have had.
    await post('{', { 'x-request-id': 'refused-2' });
    expect(await lineFor('refused-2')).toBeDefined();
    expect(lines.some((entry) => entry.req?.id === 'quick-1')).toBe(false);
  });
});
