import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, LIMITS } from '@chorus/shared';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { GraphQLContext } from './context.js';

const tooComplex = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 } } });

function depthOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, fragments, seen) : 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // A fragment cycle is refused by validation anyway; stop here rather than loop.
      if (fragment && !seen.has(name))
        deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

function countAliases(document: DocumentNode): number {
  let aliases = 0;
  visit(document, { Field: (node) => void (node.alias && aliases++) });
  return aliases;
}

function asksForSchema(document: DocumentNode): boolean {
  let introspects = false;
  visit(document, {
    Field: (node) => void ((node.name.value === '__schema' || node.name.value === '__type') && (introspects = true)),
  });
  return introspects;
}

function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      variables: variables ?? {},
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    // The estimator coerces variables before Apollo does; a bad variable is the client's mistake.
    if (error instanceof GraphQLError && !error.extensions.code) {
      throw new GraphQLError(error.message, {
        nodes: error.nodes,
        extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
      });
    }
    throw error;
  }
}

/**
 * Abuse limits, checked once the operation is known: depth, aliases and estimated cost (lists
 * cost their page size); and, in production, no introspection for anonymous callers.
 */
export function queryLimitsPlugin(schema: GraphQLSchema, production: boolean): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          const fragments = new Map(
            document.definitions
              .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
              .map((d) => [d.name.value, d]),
          );
          const depth = depthOf((operation as OperationDefinitionNode).selectionSet, fragments, new Set());
          if (depth > LIMITS.queryDepth)
            throw tooComplex(`Query depth ${depth} exceeds the limit of ${LIMITS.queryDepth}`);
          const aliases = countAliases(document);
          if (aliases > LIMITS.aliases)
            throw tooComplex(`Query uses ${aliases} aliases; the limit is ${LIMITS.aliases}`);
          const cost = costOf(schema, document, request.operationName, request.variables);
          if (cost > LIMITS.queryCost) {
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
      };
    },
  };
}
