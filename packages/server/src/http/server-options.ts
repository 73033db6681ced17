import type { ServerOptions } from 'node:http';

/** How long a client may take, so a slow or stalled one cannot hold a connection for minutes. */
export interface HttpTimeouts {
  /** Until the request's headers have all arrived. */
  headersMs: number;
  /** Until the whole request, body included, has arrived. */
  requestMs: number;
  /** How long an idle kept-alive connection stays open; above a load balancer's idle timeout. */
  keepAliveMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersMs: 10_000, requestMs: 60_000, keepAliveMs: 5_000 };

export function httpServerOptions(timeouts: HttpTimeouts): ServerOptions {
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Node checks the two timeouts above only this often (30 s by default).
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, timeouts.headersMs / 2)),
  };
}
