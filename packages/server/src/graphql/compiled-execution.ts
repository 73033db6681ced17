import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  execute,
  getVariableValues,
  visit,
  BREAK,
  GraphQLError,
  OperationTypeNode,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** What Apollo takes to run a schema its own way. */
export type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** Compiled plans kept at most; beyond it the least recently used is dropped. */
export const MAX_PLANS = 200;

function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/** The operation's plan; null when graphql-jit cannot compile it, so graphql-js answers instead. */
function compile(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode) {
  try {
    const compiled = compileQuery(schema, document, operation.name?.value);
    return isCompiledQuery(compiled) ? compiled : null;
  } catch {
    return null;
  }
}

/**
 * A compiled plan's error as graphql-js raises it, so that Apollo, the error formatter and the
 * error log see the same thing on either path: graphql-js gives every error an `extensions`
 * object and wraps a message of its own (a null in a non-null field) in an Error.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const located = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? new Error(error.message),
  });
  // Locations come from the document's nodes in graphql-js; the plan has already computed them.
  (located as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return located;
}

/**
 * Executes the read operations a client repeats from a compiled plan (graphql-jit): the same
 * resolvers, authorisation and answers as graphql-js, without its per-field interpretation and
 * allocation. A query is compiled on its first execution and its plan kept with its operation
 * (Apollo hands back the same parsed, validated document for the same text), at most MAX_PLANS
 * of them. Mutations, introspection and any request whose variables do not
 * coerce run on graphql-js itself, so every write and every variable error is exactly as before.
 */
export function compiledExecution(schema: GraphQLSchema): Gateway {
  const plans = new Map<OperationDefinitionNode, CompiledQuery | null>();

  const planFor = (document: DocumentNode, operation: OperationDefinitionNode): CompiledQuery | null => {
    const known = plans.get(operation);
    if (known !== undefined) {
      // Most recently used last: Map keeps insertion order.
      plans.delete(operation);
      plans.set(operation, known);
      return known;
    }
    if (operation.operation !== OperationTypeNode.QUERY) return null;
    const plan = introspects(document) ? null : compile(schema, document, operation);
    plans.set(operation, plan);
    if (plans.size > MAX_PLANS) plans.delete(plans.keys().next().value!);
    return plan;
  };

  const executor: Executor = async ({ document, operation, request, context }) => {
    const variables = request.variables ?? {};
    const plan = planFor(document, operation);
    const coerces =
      plan && !getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 }).errors;
    if (!plan || !coerces) {
      return execute({
        schema,
        document,
        contextValue: context,
        variableValues: variables,
        operationName: request.operationName,
      }) as Promise<ExecutionResult>;
    }
    const result = await plan.query(undefined, context, variables);
    return result.errors ? { ...result, errors: result.errors.map(asGraphqlJsError) } : (result as ExecutionResult);
  };

  /** Apollo's way to take execution over (a gateway), serving this schema and never changing it. */
  const gateway: Gateway = {
    load: () => Promise.resolve({ executor }),
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    stop: () => Promise.resolve(),
  };
  return gateway;
}
