import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

/**
 * The PostGraphile v5 peer of `pnpm bench api`: its stock schema over Chorus's tables (as the
 * database owner, so no row-level security), plus the bench's computed columns and summary
 * functions. Run with Node 22: PostGraphile v5 needs it. PORT and DATABASE_URL from the environment.
 */
const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL!,
      schemas: ['public'],
      poolConfig: { max: Number(process.env.POOL_SIZE ?? 10) },
    }),
  ],
  grafserv: { port: Number(process.env.PORT), graphiql: false },
  grafast: { explain: false },
};

async function main(): Promise<void> {
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  await serv.addTo(server);
  if (process.env.PRINT_SCHEMA) {
    const { printSchema } = await import('postgraphile/graphql');
    console.log(printSchema(await pgl.getSchema()));
  }
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
  const stop = () => void Promise.resolve(pgl.release()).then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
