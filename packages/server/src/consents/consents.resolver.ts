import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { ConsentEvent } from './consent-event.entity.js';

@Resolver(() => ConsentEvent)
export class ConsentsResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Who recorded the entry: a staff member\'s name, or "API key: <label>"; null if since removed.',
  })
  async recordedBy(@Root() event: ConsentEvent, @Ctx() { loaders }: GraphQLContext): Promise<string | null> {
    if (event.recordedByUserId) return (await loaders.user.load(event.recordedByUserId))?.displayName ?? null;
    if (event.recordedByApiKeyId) {
      const key = await loaders.apiKey.load(event.recordedByApiKeyId);
      return key ? `API key: ${key.label}` : null;
    }
    return null;
  }
}
