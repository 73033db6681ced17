import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';
import type { GraphQLContext } from './context.js';
import { fieldName } from './document-guard.js';

/** The input path (`startsAt`, `filter.search`, `responses.2.text`) of a literal in the document. */
function inputPathOf(document: DocumentNode, target: ASTNode): string | undefined {
  let found: string | undefined;
  visit(document, {
    enter(node, _key, parent, _path, ancestors) {
      if (found) return false;
      if (node !== target) return undefined;
      // `ancestors` stops short of the parent.
      const chain = [...ancestors, parent, node] as (ASTNode | readonly ASTNode[])[];
      let argument: string | undefined;
      const path: string[] = [];
      chain.forEach((item, index) => {
        if (Array.isArray(item)) {
          const owner = chain[index - 1] as ASTNode | undefined;
          if (argument && owner?.kind === Kind.LIST) path.push(String(item.indexOf(chain[index + 1] as ASTNode)));
        } else if ((item as ASTNode).kind === Kind.ARGUMENT) {
          argument = (item as { name: { value: string } }).name.value;
          path.length = 0;
        } else if (argument && (item as ASTNode).kind === Kind.OBJECT_FIELD) {
          path.push((item as { name: { value: string } }).name.value);
        }
      });
      if (argument) found = fieldName(argument, path);
      return false;
    },
  });
  return found;
}

/**
 * A literal GraphQL refuses during validation (`startsAt: "2026-13-01T00:00:00Z"`) is named in
 * `extensions.field`, as a bad variable is.
 */
export const literalFieldPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async validationDidStart({ document }) {
        return async (errors) => {
          for (const error of errors ?? []) {
            const node = error instanceof GraphQLError ? error.nodes?.[0] : undefined;
            if (!node || (error as GraphQLError).extensions.field) continue;
            const field = inputPathOf(document, node);
            if (field) ((error as GraphQLError).extensions as Record<string, unknown>).field = field;
          }
        };
      },
    };
  },
};
