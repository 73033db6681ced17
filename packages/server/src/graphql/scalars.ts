import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** True when the calendar date and clock time exist: JavaScript would roll 30 February into March. */
function isRealDateTime(year: number, month: number, day: number, hour: number, minute: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour <= 23 && minute <= 59;
}

/** `node` is the literal, when there is one: graphql/error-fields.ts names the field from it. */
function parseDateTime(value: unknown, node?: ValueNode): Date {
  const parts = typeof value === 'string' ? ISO_WITH_OFFSET.exec(value) : null;
  if (!parts) {
    throw new GraphQLError('DateTime must be an ISO 8601 string with an offset, e.g. 2026-06-14T10:00:00Z', {
      nodes: node,
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const [year, month, day, hour, minute] = parts.slice(1, 6).map(Number) as [number, number, number, number, number];
  const date = new Date(value as string);
  if (Number.isNaN(date.getTime()) || !isRealDateTime(year, month, day, hour, minute)) {
    throw new GraphQLError(`DateTime "${String(value)}" is not a real date`, {
      nodes: node,
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant as an ISO 8601 string with offset, e.g. `2026-06-14T10:00:00Z`.',
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('DateTime must be a string', { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parseDateTime(ast.value, ast);
  },
});
