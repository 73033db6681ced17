import 'reflect-metadata';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { buildSchemaSync, Query, Resolver } from 'type-graphql';

/**
 * The ceiling of `pnpm bench api --ceiling`: Chorus's fixed stack (Apollo Server 5, type-graphql,
 * graphql 16) answering a constant, with no database, no plugins and no middleware, at `/graphql`
 * straight from `node:http` and at `/express` through Express and its Apollo integration. PORT from the environment.
 */
@Resolver()
class PingResolver {
  @Query(() => String)
  ping(): string {
    return 'pong';
  }
}

async function main(): Promise<void> {
  const schema = buildSchemaSync({ resolvers: [PingResolver], validate: false });
  const apollo = new ApolloServer({
    schema,
    csrfPrevention: false,
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  const app = express();
  app.use('/express', express.json(), expressMiddleware(apollo));

  const direct = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method!,
        headers,
        search: '',
        body: JSON.parse(Buffer.concat(chunks).toString()) as unknown,
      },
      context: () => Promise.resolve({}),
    });
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = answer.status ?? 200;
    res.end(answer.body.kind === 'complete' ? answer.body.string : '');
  };
  const server = createServer((req, res) => {
    if (req.url === '/healthz') return void res.end('ok');
    if (req.url === '/graphql') return void direct(req, res);
    app(req, res);
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.once('SIGTERM', () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
