import type { ServerResponse } from 'node:http';
import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Headers on every response. The admin app and the explorer are bundles served from this origin,
 * so scripts, workers and fonts come from 'self' only. Styles also allow 'unsafe-inline': Mantine
 * writes `style` attributes and a `<style>` element of CSS variables at run time, and the
 * explorer's editor (Monaco) does the same; no inline script is ever allowed. `data:` images and
 * fonts are the explorer's stylesheets'. The browser tests fail on any violation, so each source here is
 * one the built app needs.
 */
const policy = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // Chorus cannot tell whether a proxy in front of it terminates TLS, nor which subdomains
  // that proxy's domain has: HSTS is the proxy's to set (docs/operations.md).
  strictTransportSecurity: false,
});

/**
 * Helmet's headers, worked out once: they are the same on every response, and the /graphql fast
 * path (http/graphql-handler.ts) sets them without running middleware.
 */
const HEADERS: [string, string][] = (() => {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string) => void headers.push([name, value]),
    removeHeader: () => undefined,
  };
  policy({} as never, recorder as never, () => undefined);
  return headers;
})();

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of HEADERS) res.setHeader(name, value);
}

export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    setSecurityHeaders(res);
    next();
  };
}

/**
 * CORS for the listed origins only. With none listed no CORS header is ever sent, so browsers
 * keep other sites' pages from reading the API; server-to-server callers are unaffected.
 */
export function corsFor(origins: readonly string[]): RequestHandler | undefined {
  if (!origins.length) return undefined;
  const allowed = new Set(origins);
  return cors({
    origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
    maxAge: 600,
  });
}
