import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, LIMITS } from '@chorus/shared';
import {
  getNamedType,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values.js';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import type { GraphQLContext } from './context.js';

const tooComplex = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 } } });

function asksForSchema(document: DocumentNode): boolean {
  let introspects = false;
  visit(document, {
    Field: (node) => void ((node.name.value === '__schema' || node.name.value === '__type') && (introspects = true)),
  });
  return introspects;
}

function fieldOf(
  schema: GraphQLSchema,
  parent: GraphQLNamedType,
  node: FieldNode,
): GraphQLField<unknown, unknown> | undefined {
  const name = node.name.value;
  if (name === '__typename') return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType() && name === '__schema') return SchemaMetaFieldDef;
  if (parent === schema.getQueryType() && name === '__type') return TypeMetaFieldDef;
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/**
 * Estimated cost of an operation: a field costs 1 plus its children, unless it declares a
 * `complexity` (a number, or an estimator such as `pagedComplexity`: lists cost their page size).
 * Each fragment is costed once, so the estimate is linear in the document however often a
 * fragment is spread. Undefined when the variables do not coerce: execution refuses those itself,
 * naming the variable.
 */
export function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
): number | undefined {
  // Without variables the cost is the operation's own (Apollo reuses a parsed document across
  // requests); with them, the limits and the API budget of one request share one estimate.
  const byVariables = variables && Object.keys(variables).length ? variables : NO_VARIABLES;
  let costs = estimates.get(byVariables);
  if (!costs) estimates.set(byVariables, (costs = new WeakMap()));
  if (costs.has(operation)) return costs.get(operation);
  const cost = estimate(schema, document, operation, variables);
  costs.set(operation, cost);
  return cost;
}

const NO_VARIABLES = {};
const estimates = new WeakMap<object, WeakMap<OperationDefinitionNode, number | undefined>>();

function estimate(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
): number | undefined {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  if (coerced.errors) return undefined;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const costed = new Map<string, number>();

  const fragmentCost = (name: string): number => {
    const known = costed.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    costed.set(name, 0); // validation has refused cycles; this only stops a loop
    const cost = fragment && type ? selectionCost(type, fragment.selectionSet) : 0;
    costed.set(name, cost);
    return cost;
  };

  const fieldCost = (parent: GraphQLNamedType, node: FieldNode): number => {
    const field = fieldOf(schema, parent, node);
    if (!field) return 1;
    const childComplexity = node.selectionSet ? selectionCost(getNamedType(field.type), node.selectionSet) : 0;
    const complexity = field.extensions?.complexity as ComplexityEstimator | number | undefined;
    if (typeof complexity === 'number') return complexity + childComplexity;
    if (typeof complexity === 'function') {
      const args = getArgumentValues(field, node, coerced.coerced);
      return complexity({ args, childComplexity, field, node, type: parent as never, context: undefined }) ?? 0;
    }
    return 1 + childComplexity;
  };

  const selectionCost = (type: GraphQLNamedType, selectionSet: SelectionSetNode): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) cost += fieldCost(type, selection);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) cost += fragmentCost(selection.name.value);
      else {
        const condition = selection.typeCondition && schema.getType(selection.typeCondition.name.value);
        cost += selectionCost(condition ?? type, selection.selectionSet);
      }
    }
    return cost;
  };

  const root = schema.getRootType(operation.operation);
  return root ? selectionCost(root, operation.selectionSet) : 0;
}

/**
 * The limits that need the schema, checked once the operation is known (the document's shape was
 * checked before validation, in document-guard.ts): estimated cost, and, in production, no
 * introspection for anonymous callers.
 */
export function queryLimitsPlugin(schema: GraphQLSchema, production: boolean): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        // eslint-disable-next-line @typescript-eslint/require-await -- async turns the limit errors thrown below into the rejected promise Apollo's hook expects
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) {
            throw new GraphQLError('operationName names no operation in the document', {
              extensions: { code: ErrorCode.BAD_USER_INPUT, field: 'operationName', http: { status: 400 } },
            });
          }
          const cost = costOf(schema, document, operation, request.variables);
          if (cost !== undefined && cost > LIMITS.queryCost) {
            throw tooComplex(
              `Query cost ${cost} exceeds the limit of ${LIMITS.queryCost}; ask for smaller pages or fewer fields`,
            );
          }
          if (production && !contextValue.req.caller.authenticated && asksForSchema(document)) {
            throw new GraphQLError('Sign in to read the schema', {
              extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
            });
          }
        },
      });
    },
  };
}
