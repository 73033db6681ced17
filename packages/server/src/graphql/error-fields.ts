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
          if (argument && owner?.kind === Kind.LIST) path.push(String(item.indexOf(chain[index + 1])));
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

/** The input a validation error is about; `query`, the document itself, when it is about no one input. */
function fieldOfValidationError(document: DocumentNode, error: GraphQLError): string {
  // `Field "login" argument "password" of type "String!" is required, but it was not provided.`
  const missingArgument = /argument "(\w+)" of type "[^"]+" is required/.exec(error.message)?.[1];
  if (missingArgument) return missingArgument;
  const node = error.nodes?.[0];
  const at = node && inputPathOf(document, node);
  if (!at) return 'query';
  // `Field "text" of required type "String!" was not provided.`: the path to the object, then the field.
  const missingField = /Field "(\w+)" of required type "[^"]+" was not provided/.exec(error.message)?.[1];
  return missingField ? (at === 'input' ? missingField : `${at}.${missingField}`) : at;
}

/**
 * A validation error names its input in `extensions.field`, as a bad variable does: a literal
 * GraphQL refuses (`startsAt: "2026-13-01T00:00:00Z"`), a missing argument, or else the document.
 */
export const literalFieldPlugin: ApolloServerPlugin<GraphQLContext> = {
  // Apollo's hooks return promises; this one does its work synchronously.
  requestDidStart() {
    return Promise.resolve({
      validationDidStart({ document }) {
        return Promise.resolve((errors?: readonly Error[]) => {
          for (const error of errors ?? []) {
            if (!(error instanceof GraphQLError) || error.extensions.field) continue;
            const field = fieldOfValidationError(document, error);
            if (field) (error.extensions as Record<string, unknown>).field = field;
          }
          return Promise.resolve();
        });
      },
    });
  },
};
