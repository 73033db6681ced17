import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  Kind,
  parse,
  validate,
  visit,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { getSchema, printChorusSchema } from './schema';

const COMMITTED_SCHEMA = resolve(__dirname, '../../schema.graphql');
// The contract's operations, vendored so a clone alone can check them; the shared original, where a
// checkout has it beside the repository, must match the vendored copy.
const OPERATIONS = resolve(__dirname, '../../contract/operations.graphql');
const REPOSITORY = resolve(__dirname, '../../../..');
const SHARED_OPERATIONS = findSharedContract(REPOSITORY);

/**
 * shared/contract/operations.graphql in the nearest folder above the repository that has one:
 * CI lays shared/ beside its clone, a git worktree sits a level or more further down.
 */
function findSharedContract(from: string): string | null {
  for (let folder = dirname(from); ; folder = dirname(folder)) {
    const candidate = join(folder, 'shared', 'contract', 'operations.graphql');
    if (existsSync(candidate)) return candidate;
    if (dirname(folder) === folder) return null;
  }
}

// CI always has the shared contract, except where it says it cannot (CHORUS_SHARED_CONTRACT=optional).
const sharedContractRequired = Boolean(process.env.CI) && process.env.CHORUS_SHARED_CONTRACT !== 'optional';

describe('the committed schema', () => {
  it('is what the resolvers build', () => {
    const committed = readFileSync(COMMITTED_SCHEMA, 'utf8');
    const emitted = printChorusSchema();
    if (emitted !== committed) {
      throw new Error(
        `packages/server/schema.graphql is out of date with the resolvers. Run \`pnpm --filter @chorus/server schema:emit\` and commit the result.\n` +
          `First difference at line ${firstDifferentLine(committed, emitted)}.`,
      );
    }
  });
});

function firstDifferentLine(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i])
      return `${i + 1}: committed ${JSON.stringify(left[i] ?? '<end>')}, emitted ${JSON.stringify(right[i] ?? '<end>')}`;
  }
  return '?';
}

describe('the contract operations', () => {
  it(`are found at ${OPERATIONS}`, () => {
    expect(existsSync(OPERATIONS)).toBe(true);
  });

  (SHARED_OPERATIONS || sharedContractRequired ? it : it.skip)('are the shared contract, unchanged', () => {
    if (!SHARED_OPERATIONS) {
      throw new Error(
        `CI is set, but no folder above ${REPOSITORY} has shared/contract/operations.graphql to compare the vendored copy with.`,
      );
    }
    if (readFileSync(OPERATIONS, 'utf8') !== readFileSync(SHARED_OPERATIONS, 'utf8')) {
      throw new Error(`The contract changed: copy ${SHARED_OPERATIONS} to packages/server/contract/ and make it pass.`);
    }
  });

  const definitions: readonly DefinitionNode[] = existsSync(OPERATIONS)
    ? parse(readFileSync(OPERATIONS, 'utf8')).definitions
    : [];
  const operations = definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const fragments = new Map(
    definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );

  /** The operation with just the fragments it uses, so each validates on its own. */
  function standalone(operation: OperationDefinitionNode): DefinitionNode[] {
    const used = new Map<string, FragmentDefinitionNode>();
    const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
      visit(node, {
        FragmentSpread(spread) {
          const fragment = fragments.get(spread.name.value);
          if (fragment && !used.has(fragment.name.value)) {
            used.set(fragment.name.value, fragment);
            collect(fragment);
          }
        },
      });
    collect(operation);
    return [operation, ...used.values()];
  }

  it('include every operation the contract names', () => {
    expect(operations.length).toBeGreaterThanOrEqual(15);
    expect(operations.every((operation) => operation.name)).toBe(true);
  });

  it.each(operations.map((operation) => [operation.name?.value ?? '(anonymous)', operation] as const))(
    '%s validates against the schema',
    (_name, operation) => {
      const errors = validate(getSchema(), { kind: Kind.DOCUMENT, definitions: standalone(operation) });
      expect(errors.map((error) => error.message)).toEqual([]);
    },
  );
});

describe('the schema documentation', () => {
  it('describes every type, field and argument', () => {
    const schema = getSchema();
    // Root operation types take their meaning from their fields; type-graphql gives them no description.
    const roots = new Set(
      [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
        .filter(Boolean)
        .map((t) => t!.name),
    );
    const missing: string[] = [];
    const described = (description: string | null | undefined) => Boolean(description?.trim());
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
      if (!roots.has(type.name) && !described(type.description)) missing.push(`type ${type.name}`);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!described(field.description)) missing.push(`field ${type.name}.${field.name}`);
          for (const arg of field.args) {
            if (!described(arg.description)) missing.push(`argument ${type.name}.${field.name}(${arg.name})`);
          }
        }
      } else if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!described(field.description)) missing.push(`input field ${type.name}.${field.name}`);
        }
      } else if (isEnumType(type)) {
        // Enum values are self-explanatory names; the enum itself is described above.
      }
    }
    if (missing.length) {
      throw new Error(
        `${missing.length} schema elements have no description; add one to each:\n  ${missing.join('\n  ')}`,
      );
    }
  });
});
