import type { ServerOptions } from 'node:http';

/** How long a client may take, so a slow or stalled one cannot hold a connection for minutes. */
export interface HttpTimeouts {
  /** Until the request's headers have all arrived. */
  headersMs: number;
  /** Until the whole request, body included, has arrived. */
  requestMs: number;
  /**
   * How long an idle kept-alive connection stays open: longer than a load balancer's idle timeout
   * (60 s is common), so the balancer, not Chorus, closes it and never reuses a socket being shut.
   */
  keepAliveMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersMs: 10_000, requestMs: 60_000, keepAliveMs: 65_000 };

export function httpServerOptions(timeouts: HttpTimeouts): ServerOptions {
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Node checks the two timeouts above only this often (30 s by default).
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, timeouts.headersMs / 2)),
  };
}
