import { ErrorCode } from '@chorus/shared';
import { isObjectType, type GraphQLField, type GraphQLResolveInfo } from 'graphql';
import { Caller } from './caller';
import { DomainError } from '../common/errors';
import { RequestContext } from '../db/request-context';
import { getSchema } from '../graphql/schema';

/**
 * Every root field, and every field that takes arguments, is either guarded (an anonymous caller
 * is refused before the resolver runs) or deliberately public and listed here. A new field that
 * forgets `@Authorized` fails this test instead of shipping open.
 */
const PUBLIC = new Set(['Query.me', 'Query.viewer', 'Mutation.login']);

function fieldsToCheck(): [string, GraphQLField<unknown, unknown>][] {
  const schema = getSchema();
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  const fields: [string, GraphQLField<unknown, unknown>][] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (roots.has(type) || field.args.length > 0) fields.push([`${type.name}.${field.name}`, field]);
    }
  }
  return fields;
}

/** What the field's resolver does for an anonymous caller; a guarded one refuses before touching anything. */
async function anonymousOutcome(field: GraphQLField<unknown, unknown>): Promise<string> {
  const req = new RequestContext(undefined as never, 'engagement', Caller.anonymous, 'test');
  const context = { req, services: {}, loaders: {} };
  try {
    await field.resolve!({}, {}, context, { fieldName: field.name } as GraphQLResolveInfo);
    return 'resolved';
  } catch (error) {
    return error instanceof DomainError ? error.code : `threw ${(error as Error).message}`;
  }
}

describe('every root field and every field with arguments', () => {
  const fields = fieldsToCheck();

  it('includes the fields this test is about (the walk found the schema)', () => {
    const names = fields.map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['Query.sessions', 'Mutation.submitResponses', 'Query.viewer']));
  });

  it('lists only fields that exist as public', () => {
    const names = new Set(fields.map(([name]) => name));
    expect([...PUBLIC].filter((name) => !names.has(name))).toEqual([]);
  });

  it.each(fields.filter(([name]) => !PUBLIC.has(name)))('%s refuses an anonymous caller', async (_name, field) => {
    expect(await anonymousOutcome(field)).toBe(ErrorCode.UNAUTHENTICATED);
  });
});
