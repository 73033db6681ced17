import { Role, Permission } from '@chorus/shared';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Connection, PageArgs, pagedComplexity } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { ApiKey } from './api-key.entity.js';

const ApiKeyConnection = Connection(ApiKey, 'ApiKey');

@InputType({ description: 'A new API key.' })
class CreateApiKeyInput {
  @Field(() => String, { description: 'What the key is for; at most 200 characters.' })
  label!: string;

  @Field(() => Role, { description: 'PARTNER or COUNCIL_READER.' })
  role!: Role;

  @Field(() => ID, {
    nullable: true,
    description: 'Required for PARTNER keys: the organisation whose rows the key reaches.',
  })
  organisationId?: string | null;
}

@ObjectType({ description: 'A new key: `key` is shown this once and cannot be recovered.' })
class CreateApiKeyPayload {
  @Field(() => String, { description: 'The secret. Store it now; Chorus keeps only its hash.' })
  key!: string;

  @Field(() => ApiKey, { description: 'The stored key, without its secret.' })
  apiKey!: ApiKey;
}

@Resolver(() => ApiKey)
export class ApiKeysResolver {
  @Authorized(Permission.ApiKeyManage)
  @Mutation(() => CreateApiKeyPayload, { description: 'Creates an API key (admin).' })
  createApiKey(
    @Arg('input', () => CreateApiKeyInput, { description: 'The key to create.' }) input: CreateApiKeyInput,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.apiKeys.create(req, input);
  }

  @Authorized(Permission.ApiKeyManage)
  @Mutation(() => ApiKey, { description: 'Revokes an API key at once (admin).' })
  revokeApiKey(
    @Arg('id', () => ID, {
      description: 'The key to revoke (UUID); revoking it again keeps the first revocation time.',
    })
    id: string,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return services.apiKeys.revoke(req, id);
  }

  @Authorized(Permission.ApiKeyManage)
  @Query(() => ApiKeyConnection, { complexity: pagedComplexity, description: 'Every API key, newest first (admin).' })
  apiKeys(@Args(() => PageArgs) page: PageArgs, @Ctx() { req, services }: GraphQLContext) {
    return services.apiKeys.list(req, page);
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description: 'The organisation a PARTNER key reaches; null for COUNCIL_READER keys.',
  })
  organisation(@Root() key: ApiKey, @Ctx() { loaders }: GraphQLContext) {
    return key.organisationId ? loaders.organisation.load(key.organisationId) : null;
  }
}
