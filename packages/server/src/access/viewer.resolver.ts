import { Permission, Role } from '@chorus/shared';
import { Ctx, Field, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { Organisation } from '../organisations/organisation.entity.js';

/** The caller kinds a request can be; SYSTEM is Chorus's own work and never answers a request. */
enum ViewerKind {
  USER = 'user',
  API_KEY = 'apiKey',
  ANONYMOUS = 'anonymous',
  SYSTEM = 'system',
}

registerEnumType(ViewerKind, { name: 'ViewerKind', description: 'What kind of caller made the request.' });

@ObjectType({ description: 'Who is calling: a signed-in user, an API key, or nobody; and what they may do.' })
class Viewer {
  @Field(() => ViewerKind, { description: 'USER, API_KEY or ANONYMOUS.' })
  kind!: ViewerKind;

  @Field(() => Role, { nullable: true, description: 'The role of the user or key; null when anonymous.' })
  role!: Role | null;

  @Field(() => Organisation, {
    nullable: true,
    description:
      'The partner organisation the user or key belongs to (and is confined to); null for staff and council keys.',
  })
  organisation!: Organisation | null;

  @Field(() => [String], {
    description:
      'The permissions the role grants, as verbs such as `session.plan` (see docs/api.md); empty when anonymous.',
  })
  permissions!: string[];

  @Field(() => String, { nullable: true, description: "The signed-in user's display name; null for keys." })
  displayName!: string | null;

  @Field(() => String, { nullable: true, description: "The signed-in user's email; null for keys." })
  email!: string | null;

  @Field(() => String, { nullable: true, description: "The API key's label; null for users." })
  keyLabel!: string | null;

  @Field(() => String, { nullable: true, description: 'The visible start of the API key; null for users.' })
  keyPrefix!: string | null;
}

const ALL_PERMISSIONS = Object.values(Permission);

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer, { description: 'What the caller is: kind, role, organisation and permissions. Open to anyone.' })
  async viewer(@Ctx() { req, loaders }: GraphQLContext): Promise<Viewer> {
    const { caller } = req;
    const [user, key, organisation] = await Promise.all([
      caller.userId ? loaders.user.load(caller.userId) : null,
      caller.apiKeyId ? loaders.apiKey.load(caller.apiKeyId) : null,
      caller.organisationId ? loaders.organisation.load(caller.organisationId) : null,
    ]);
    return {
      kind: caller.kind as ViewerKind,
      role: caller.role,
      organisation,
      permissions: caller.authenticated ? ALL_PERMISSIONS.filter((permission) => caller.can(permission)) : [],
      displayName: user?.displayName ?? null,
      email: user?.email ?? null,
      keyLabel: key?.label ?? null,
      keyPrefix: key?.prefix ?? null,
    };
  }
}
