import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parse as parseQueryString } from 'node:querystring';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { ErrorCode, LIMITS } from '@chorus/shared';
import type { RequestHandler } from 'express';
import proxyaddr from 'proxy-addr';
import { refuseDocument } from '../graphql/document-guard.js';
import type { Logger } from '../logger.js';
import { setSecurityHeaders } from '../web/security.js';
import { endCompressed } from './compression.js';
import { sendErrorReply } from './error-reply.js';
import { requestId } from './request-id.js';

/** What a request's GraphQL context is built from, on either path. */
export interface RequestFacts {
  id: string;
  ip: string;
  authorization: string | undefined;
}

export interface GraphQLHandlerDeps<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  context: (facts: RequestFacts) => Promise<Context>;
  logger: Logger;
  /** Proxies in front of Chorus whose X-Forwarded-For is believed, as Express's 'trust proxy'. */
  trustProxy: number;
  cors?: RequestHandler;
}

/** Requests that took this long are logged even when they succeed. */
export const SLOW_REQUEST_MS = 1_000;

const JSON_TYPES = new Set(['application/json', 'application/graphql-response+json']);

/**
 * Whether this is an API request the fast path serves: POST with a plain UTF-8 JSON body, or GET
 * with a `query`. Anything else at /graphql (the explorer page, preflights, other media types or
 * compressed bodies, 405s) goes on to Express, whose answers stay as they were.
 */
function isPlainApiRequest(req: IncomingMessage, search: string): boolean {
  if (req.method === 'GET') return parseQueryString(search.slice(1)).query !== undefined;
  if (req.method !== 'POST') return false;
  const encoding = req.headers['content-encoding'];
  if (encoding && encoding.toLowerCase() !== 'identity') return false;
  const [type = '', ...parameters] = (req.headers['content-type'] ?? '').split(';');
  if (!JSON_TYPES.has(type.trim().toLowerCase())) return false;
  return parameters.every((parameter) => {
    const [name = '', value = ''] = parameter.split('=');
    return name.trim().toLowerCase() !== 'charset' || /^"?utf-8"?$/i.test(value.trim());
  });
}

type Body = { json: unknown } | { refused: 'too-large' | 'not-json' };

/** The request body as JSON, read up to the documented limit (LIMITS.bodyBytes). */
function readJsonBody(req: IncomingMessage): Promise<Body> {
  if (Number(req.headers['content-length']) > LIMITS.bodyBytes) return Promise.resolve({ refused: 'too-large' });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= LIMITS.bodyBytes) return void chunks.push(chunk);
      req.off('data', onData);
      resolve({ refused: 'too-large' });
    };
    req.on('data', onData);
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      // As express.json (strict): an empty body is {}, and only an object or array is JSON here.
      if (!text.trim()) return resolve({ json: {} });
      if (!/^\s*[[{]/.test(text)) return resolve({ refused: 'not-json' });
      try {
        resolve({ json: JSON.parse(text) as unknown });
      } catch {
        resolve({ refused: 'not-json' });
      }
    });
  });
}

/**
 * `/graphql` served straight from `node:http`, ahead of Express: the read path's cost is mostly
 * per-request middleware, so this path does only what every API request needs (security headers,
 * request id, CORS, body limit, document guard, Apollo, compression) and logs only the requests
 * worth a line. Returns false for a request it leaves to Express.
 */
export function graphqlHandler<Context extends BaseContext>(
  deps: GraphQLHandlerDeps<Context>,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const trust = (_address: string, hop: number) => hop < deps.trustProxy;
  return (req, res) => {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const path = mark < 0 ? url : url.slice(0, mark);
    const search = mark < 0 ? '' : url.slice(mark);
    if (path !== '/graphql' || !isPlainApiRequest(req, search)) return false;

    const started = performance.now();
    setSecurityHeaders(res);
    const id = requestId(req, res);
    res.on('finish', () => {
      const ms = Math.round(performance.now() - started);
      if (res.statusCode < 400 && ms < SLOW_REQUEST_MS) return;
      const level = res.statusCode >= 500 ? 'error' : 'warn';
      // The path only: a GET query string can carry what people said.
      deps.logger[level](
        { req: { id, method: req.method, path }, res: { statusCode: res.statusCode }, responseTime: ms },
        res.statusCode >= 400 ? 'request failed' : 'slow request',
      );
    });
    const serve = () =>
      void execute(req, res, id, search).catch((error: unknown) => {
        deps.logger.error({ err: error, req: { id, method: req.method, path } }, 'unexpected error');
        if (res.headersSent) return void res.destroy();
        sendErrorReply(req, res, { status: 500, code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Unexpected error' });
      });
    if (deps.cors) deps.cors(req as never, res as never, serve);
    else serve();
    return true;
  };

  async function execute(req: IncomingMessage, res: ServerResponse, id: string, search: string): Promise<void> {
    let body: unknown;
    if (req.method === 'POST') {
      const read = await readJsonBody(req);
      if ('refused' in read) {
        if (read.refused === 'not-json')
          return sendErrorReply(req, res, {
            status: 400,
            code: ErrorCode.BAD_USER_INPUT,
            message: 'Request body is not valid JSON',
          });
        // Read and discard the rest (bounded by the request timeout), so the client, still sending,
        // gets to read this answer instead of a reset.
        req.resume();
        const message = `Request body exceeds ${LIMITS.bodyBytes} bytes`;
        return sendErrorReply(req, res, { status: 413, code: ErrorCode.QUERY_TOO_COMPLEX, message });
      }
      body = read.json;
    }
    const refusal = refuseDocument(body, parseQueryString(search.slice(1)));
    if (refusal) return sendErrorReply(req, res, { status: 400, ...refusal });

    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const facts = { id, ip: proxyaddr(req, trust), authorization: req.headers.authorization };
    const answer = await deps.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!, headers, search, body },
      context: () => deps.context(facts),
    });
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') return endCompressed(req, res, answer.body.string);
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  }
}
