import 'reflect-metadata';
import { createApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { describeError } from './db/connection-errors.js';
import { createDataSource } from './db/data-source.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.js';
import { migrate } from './db/migrate.js';
import { RequestContext } from './db/request-context.js';
import { seedDemoData, type DemoSignIn } from './demo/seed.js';
import { JOB_TASKS } from './jobs/tasks.js';
import { startJobRunner } from './jobs/runner.js';
import { createLogger, stdout } from './logger.js';
import { createServices } from './services.js';
import { createRateLimitStore } from './rate-limit/store.js';
import { Caller } from './access/caller.js';

/**
 * A start-up step that fails stops the process with one plain sentence and the error's class and
 * codes: never a stack trace, nor a message that may carry a connection string.
 */
async function orStop<T>(step: Promise<T>, sentence: string): Promise<T> {
  try {
    return await step;
  } catch (error) {
    const { errorClass, sqlState, errorCode } = describeError(error);
    console.error(`\n${sentence}\n(${[errorClass, sqlState, errorCode].filter(Boolean).join(', ')})\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const output = stdout();
  const logger = createLogger(config.logLevel, output);
  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl)
    embedded = await orStop(
      startEmbeddedPostgres(config.dataDir, logger),
      `Chorus could not start its embedded PostgreSQL in ${config.dataDir}. Set DATABASE_URL to a PostgreSQL server of your own, or see docs/operations.md ("The embedded database").`,
    );
  const dataSource = createDataSource(
    config.databaseUrl ?? embedded!.url,
    { max: config.poolSize, acquireTimeoutMs: config.dbAcquireTimeoutMs },
    logger,
  );
  await orStop(
    dataSource.initialize(),
    'Chorus could not reach its database. Check DATABASE_URL and that PostgreSQL is running, then start Chorus again.',
  );
  await migrate(dataSource, logger);

  const rateLimitStore = createRateLimitStore(dataSource, {
    redisUrl: config.redisUrl,
    keyPrefix: 'chorus',
    // Logged, not thrown: while Redis is away the PostgreSQL counters stand in.
    onRedisError: (error) => logger.warn({ err: { message: error.message } }, 'rate-limit Redis unavailable'),
    // Retried each second: meanwhile every instance goes on limiting by what it charged itself.
    onSyncError: (error) => logger.warn({ err: { message: error.message } }, 'rate-limit spend not yet settled'),
  });
  const services = createServices(config.secret, {
    rateLimitStore,
    rateLimits: config.rateLimits,
    releaseBuildTimeoutMs: config.releaseBuildTimeoutMs,
    questionnaireMinSeconds: config.questionnaireMinSeconds,
    publicUrl: config.publicUrl,
  });
  const engagementId = await services.engagements.ensureDefault(dataSource, config.suppressionThreshold);
  const system = new RequestContext(dataSource, engagementId, Caller.system, 'start-up');
  const digested = await services.participants.digestStoredContacts(system);
  if (digested) logger.info({ contacts: digested }, 'contact names digested for redaction');
  if (config.bootstrapAdmin) {
    const created = await services.users.bootstrapAdmin(
      system,
      config.bootstrapAdmin.email,
      config.bootstrapAdmin.password,
    );
    if (created) logger.info('bootstrap admin created');
  }
  const demo = config.demoData ? await seedDemoData(system, services, logger) : null;

  const app = await createApp({ config, dataSource, engagementId, services, logger });
  const jobs =
    config.jobs.mode === 'inline'
      ? await startJobRunner({
          databaseUrl: config.databaseUrl ?? embedded!.url,
          dataSource,
          services,
          tasks: JOB_TASKS,
          logger,
          concurrency: config.jobs.concurrency,
        })
      : undefined;
  await new Promise<void>((resolve) => app.httpServer.listen(config.port, resolve));
  const address = app.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port }, 'Chorus is listening');
  // Through the log's own stream, which pino writes asynchronously: the banner comes after every start-up line.
  output.write(banner(port, demo, config.bootstrapAdmin?.email));
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    try {
      await app.stop();
      await rateLimitStore.close();
      await jobs?.stop();
      await dataSource.destroy();
      await embedded?.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error(describeError(error), 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** Where Chorus answers and every way to sign in to it. */
function banner(port: number, demo: DemoSignIn[] | null, bootstrapEmail?: string): string {
  const lines = [`\nChorus is running at http://localhost:${port}/  (API: http://localhost:${port}/graphql)`];
  if (demo?.length) {
    const width = (column: (signIn: DemoSignIn) => string) => Math.max(...demo.map((signIn) => column(signIn).length));
    const [emails, passwords] = [width((signIn) => signIn.email), width((signIn) => signIn.password)];
    lines.push('Demo sign-ins (email, password, role):');
    for (const { email, password, role } of demo)
      lines.push(`  ${email.padEnd(emails)}  ${password.padEnd(passwords)}  ${role}`);
  } else if (bootstrapEmail) lines.push(`Sign in as ${bootstrapEmail}`);
  return `${lines.join('\n')}\n\n`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
