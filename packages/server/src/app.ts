import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ErrorCode, isAdminRoute, LIMITS } from '@chorus/shared';
import express, { type ErrorRequestHandler } from 'express';
import { pinoHttp, startTime } from 'pino-http';
import type { DataSource } from 'typeorm';
import { Caller } from './access/caller.js';
import { DomainError } from './common/errors.js';
import type { Config } from './config.js';
import { databaseUnavailable, isConnectionLoss } from './db/connection-errors.js';
import { RequestContext } from './db/request-context.js';
import type { GraphQLContext } from './graphql/context.js';
import {
  createErrorFormatter,
  databaseUnavailablePlugin,
  errorLoggingPlugin,
  toGraphQLError,
} from './graphql/errors.js';
import { queryLimitsPlugin } from './graphql/limits.js';
import { createLoaders } from './graphql/loaders.js';
import { compiledExecution } from './graphql/compiled-execution.js';
import { documentGuard } from './graphql/document-guard.js';
import { literalFieldPlugin } from './graphql/error-fields.js';
import { sendErrorReply } from './http/error-reply.js';
import { graphqlHandler, SLOW_REQUEST_MS, type RequestFacts } from './http/graphql-handler.js';
import { requestId } from './http/request-id.js';
import { DEFAULT_HTTP_TIMEOUTS, httpServerOptions } from './http/server-options.js';
import { getSchema } from './graphql/schema.js';
import { probeRoutes } from './health/probes.js';
import type { Logger } from './logger.js';
import { apiBudgetPlugin } from './rate-limit/api-budget.js';
import { auditExportRoutes } from './audit/audit-export.js';
import { exportRoutes } from './releases/exports.js';
import { reportRoutes } from './reports/report.routes.js';
import { paperFormRoutes } from './paper-forms/paper-forms.routes.js';
import { subjectAccessRoutes } from './participants/subject-access.routes.js';
import { questionnaireRoutes } from './questionnaire/questionnaire.routes.js';
import { importRoutes } from './imports/imports.routes.js';
import type { Services } from './services.js';
import { explorerPage } from './web/explorer.js';
import { precompressedAssets, setAssetCaching } from './web/precompressed.js';
import { corsFor, securityHeaders } from './web/security.js';

export interface AppDeps {
  config: Pick<Config, 'production' | 'adminDir'> &
    Partial<Pick<Config, 'httpTimeouts' | 'corsOrigins' | 'trustProxy'>>;
  dataSource: DataSource;
  engagementId: string;
  services: Services;
  logger: Logger;
}

export interface RunningApp {
  httpServer: Server;
  /** Stops taking requests, lets in-flight ones finish, then resolves. */
  stop(): Promise<void>;
}

/**
 * The HTTP server: `/graphql`, the health probes and, when built, the admin app at `/`. API
 * requests take a fast path of their own (http/graphql-handler.ts); Express serves the rest.
 */
export async function createApp({ config, dataSource, engagementId, services, logger }: AppDeps): Promise<RunningApp> {
  const app = express();
  // The fast path for API requests is set once Apollo has started; until then there is no server to reach.
  let graphql: (req: IncomingMessage, res: ServerResponse) => boolean = () => false;
  const httpServer = createServer(httpServerOptions(config.httpTimeouts ?? DEFAULT_HTTP_TIMEOUTS), (req, res) => {
    if (!graphql(req, res)) app(req, res);
  });
  const schema = getSchema();
  const apollo = new ApolloServer<GraphQLContext>({
    // The schema, executed from compiled plans for repeated queries (graphql/compiled-execution.ts).
    gateway: compiledExecution(schema),
    // Introspection is allowed; the limits plugin refuses it to anonymous callers in production.
    introspection: true,
    includeStacktraceInErrorResponses: !config.production,
    // No "Did you mean …?" naming fields a caller has not been shown.
    hideSchemaDetailsFromClientErrors: config.production,
    // documentGuard refuses longer documents first; this bounds any path that skips it.
    parseOptions: { maxTokens: LIMITS.queryTokens },
    // Bearer tokens, never cookies: there is no ambient credential for CSRF to abuse, and
    // partners may send plain GET queries.
    csrfPrevention: false,
    allowBatchedHttpRequests: false,
    // main.ts owns shutdown: drain, close the pool, stop the embedded database, in that order.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(config.production),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Chorus sends no cache hints; the default plugin would wrap every field resolver to look for them.
      ApolloServerPluginCacheControlDisabled(),
      queryLimitsPlugin(schema, config.production),
      literalFieldPlugin,
      apiBudgetPlugin(schema, services.rateLimits.api),
      errorLoggingPlugin(logger),
      databaseUnavailablePlugin(),
    ],
  });
  await apollo.start();
  const stopRevalidation = services.auth.startRevalidation(
    new RequestContext(dataSource, engagementId, Caller.system, 'auth-revalidation'),
    (error) => logger.warn({ err: error }, 'remembered tokens could not be re-checked; they are read again on use'),
  );

  const context = async ({ id, ip, authorization }: RequestFacts): Promise<GraphQLContext> => {
    const anonymous = new RequestContext(dataSource, engagementId, Caller.anonymous, id);
    try {
      const ctx = anonymous.as(await services.auth.callerFor(anonymous, authorization));
      return { req: ctx, services, loaders: createLoaders(ctx, services), ip, authorization };
    } catch (error) {
      if (error instanceof DomainError) throw toGraphQLError(error);
      throw isConnectionLoss(error) ? databaseUnavailable(error) : error;
    }
  };
  const cors = corsFor(config.corsOrigins ?? []);
  graphql = graphqlHandler({ apollo, context, logger, trustProxy: config.trustProxy ?? 0, cors });

  app.disable('x-powered-by');
  app.use(securityHeaders());
  if (cors) app.use('/graphql', cors);
  // Rate limits key anonymous callers and sign-ins by address: believe only the configured proxies.
  app.set('trust proxy', config.trustProxy ?? 0);
  const probes = probeRoutes(dataSource);
  app.use(
    pinoHttp({
      logger,
      genReqId: requestId,
      // Paths only: a GET query string can carry what people said.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => probes.paths.has(String(req.url)) },
      // As on /graphql: only the requests worth a line, so the start banner stays on screen.
      customLogLevel: (_req, res, error) => {
        if (error || res.statusCode >= 500) return 'error';
        if (res.statusCode >= 400) return 'warn';
        const ms = Date.now() - res[startTime];
        return ms >= SLOW_REQUEST_MS ? 'warn' : 'silent';
      },
      customSuccessMessage: (_req, res) => (res.statusCode >= 400 ? 'request failed' : 'slow request'),
      customErrorMessage: () => 'request failed',
    }),
  );

  app.use(probes.router);

  const explorer = explorerPage(config.adminDir);
  if (explorer) app.get('/graphql', explorer);

  app.use(
    '/graphql',
    express.json({ limit: LIMITS.bodyBytes, type: ['application/json', 'application/graphql-response+json'] }),
    documentGuard,
    expressMiddleware(apollo, {
      // genReqId above gives every request a string id.
      context: ({ req }) =>
        context({ id: req.id as string, ip: req.ip ?? '', authorization: req.headers.authorization }),
    }),
  );

  app.use(exportRoutes(dataSource, engagementId, services, logger));
  app.use(reportRoutes(dataSource, engagementId, services, logger));
  app.use(paperFormRoutes(dataSource, engagementId, services, logger));
  app.use(auditExportRoutes(dataSource, engagementId, services, logger));
  app.use(subjectAccessRoutes(dataSource, engagementId, services, logger));
  app.use(importRoutes(dataSource, engagementId, services, logger));
  app.use(questionnaireRoutes(dataSource, engagementId, services, logger, { production: config.production }));

  if (existsSync(join(config.adminDir, 'index.html'))) {
    app.use(precompressedAssets(config.adminDir));
    app.use(
      express.static(config.adminDir, {
        index: false,
        cacheControl: false,
        setHeaders: (res) => setAssetCaching(res, res.req.path),
      }),
    );
    // The admin app routes in the browser: its pages are its index (asked again each time, so a
    // new build's files are picked up at once); any other path is a 404.
    app.get(/.*/, (req, res, next) =>
      isAdminRoute(req.path)
        ? res.sendFile(join(config.adminDir, 'index.html'), {
            cacheControl: false,
            headers: { 'Cache-Control': 'no-cache' },
          })
        : next(),
    );
  }
  app.use((_req, res) => void res.status(404).type('text/plain').send('Not found'));

  const bodyErrors: ErrorRequestHandler = (error, req, res, next) => {
    const type = bodyErrorType(error);
    if (type === 'entity.too.large') {
      const message = `Request body exceeds ${LIMITS.bodyBytes} bytes`;
      // Read and discard the rest (bounded by the request timeout), so the client, still sending,
      // gets to read this answer instead of a reset or a 408.
      req.resume();
      return sendErrorReply(req, res, { status: 413, code: ErrorCode.QUERY_TOO_COMPLEX, message });
    }
    if (type === 'entity.parse.failed') {
      const message = 'Request body is not valid JSON';
      return sendErrorReply(req, res, { status: 400, code: ErrorCode.BAD_USER_INPUT, message });
    }
    next(error);
  };
  app.use(bodyErrors);

  return {
    httpServer,
    stop: () => {
      probes.drain();
      stopRevalidation();
      return apollo.stop();
    },
  };
}

/** The `type` express's body parser sets on the errors it raises ('entity.too.large', …). */
function bodyErrorType(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
}
