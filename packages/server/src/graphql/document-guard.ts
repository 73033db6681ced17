import { ErrorCode, LIMITS } from '@chorus/shared';
import type { RequestHandler } from 'express';
import {
  Kind,
  parse,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { sendErrorReply } from '../http/error-reply.js';

/** Why a document was refused before GraphQL parses and validates it. */
export interface Refusal {
  code: ErrorCode;
  message: string;
  field?: string;
}

const tooComplex = (message: string): Refusal => ({ code: ErrorCode.QUERY_TOO_COMPLEX, message });
const badInput = (field: string, message: string): Refusal => ({ code: ErrorCode.BAD_USER_INPUT, message, field });

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** The size of a selection set once its fragments are expanded. */
interface Shape {
  /** Deepest path of fields that does not start at `__schema`/`__type`. */
  depth: number;
  /** Deepest path that does: introspection has its own, larger budget. */
  introspectionDepth: number;
  /** Fields once every fragment is expanded: what execution (and validation) would walk. */
  fields: number;
  /** Most times one response key appears in a single selection set. */
  repeats: number;
}

const EMPTY: Shape = { depth: 0, introspectionDepth: 0, fields: 0, repeats: 0 };

/**
 * Measures a document in time linear in its size: each fragment is measured once and its shape
 * reused wherever it is spread, so a fragment that spreads the previous one twice, 20 levels
 * deep, costs 20 steps, not 2²⁰.
 */
export function measureDocument(document: DocumentNode): Shape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, Shape>();

  const fragmentShape = (name: string): Shape => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // A cycle or an unknown fragment counts as empty here; validation refuses both.
    measured.set(name, EMPTY);
    const shape = fragment ? selectionShape(fragment.selectionSet) : EMPTY;
    measured.set(name, shape);
    return shape;
  };

  const selectionShape = (selectionSet: SelectionSetNode): Shape => {
    const shape = { ...EMPTY };
    const keys = new Map<string, number>();
    const add = (child: Shape) => {
      shape.depth = Math.max(shape.depth, child.depth);
      shape.introspectionDepth = Math.max(shape.introspectionDepth, child.introspectionDepth);
      shape.fields += child.fields;
      shape.repeats = Math.max(shape.repeats, child.repeats);
    };
    // Inline fragments merge into this selection set, so their fields count as repeats here.
    const pending = [...selectionSet.selections];
    for (let selection = pending.pop(); selection; selection = pending.pop()) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        pending.push(...selection.selectionSet.selections);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        add(fragmentShape(selection.name.value));
      } else {
        const key = (selection.alias ?? selection.name).value;
        const seen = (keys.get(key) ?? 0) + 1;
        keys.set(key, seen);
        shape.repeats = Math.max(shape.repeats, seen);
        const child = selection.selectionSet ? selectionShape(selection.selectionSet) : EMPTY;
        const below = 1 + Math.max(child.depth, child.introspectionDepth);
        if (INTROSPECTION_FIELDS.has(selection.name.value)) {
          shape.introspectionDepth = Math.max(shape.introspectionDepth, below);
        } else {
          shape.depth = Math.max(shape.depth, below);
        }
        shape.fields += 1 + child.fields;
        shape.repeats = Math.max(shape.repeats, child.repeats);
      }
    }
    return shape;
  };

  const total = { ...EMPTY };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const shape = selectionShape(definition.selectionSet);
    total.depth = Math.max(total.depth, shape.depth);
    total.introspectionDepth = Math.max(total.introspectionDepth, shape.introspectionDepth);
    total.fields += shape.fields;
    total.repeats = Math.max(total.repeats, shape.repeats);
  }
  return total;
}

function countAliases(document: DocumentNode): number {
  let aliases = 0;
  visit(document, { Field: (node) => void (node.alias && aliases++) });
  return aliases;
}

function structuralRefusal(document: DocumentNode): Refusal | undefined {
  const shape = measureDocument(document);
  if (shape.depth > LIMITS.queryDepth) {
    return tooComplex(`Query depth ${shape.depth} exceeds the limit of ${LIMITS.queryDepth}`);
  }
  if (shape.introspectionDepth > LIMITS.introspectionDepth) {
    return tooComplex(
      `Introspection depth ${shape.introspectionDepth} exceeds the limit of ${LIMITS.introspectionDepth}`,
    );
  }
  if (shape.repeats > LIMITS.fieldRepeats) {
    return tooComplex(`A field is selected ${shape.repeats} times in one place; the limit is ${LIMITS.fieldRepeats}`);
  }
  if (shape.fields > LIMITS.expandedFields) {
    return tooComplex(
      `Query selects ${shape.fields} fields once its fragments are expanded; the limit is ${LIMITS.expandedFields}`,
    );
  }
  const aliases = countAliases(document);
  if (aliases > LIMITS.aliases) return tooComplex(`Query uses ${aliases} aliases; the limit is ${LIMITS.aliases}`);
  return undefined;
}

/** Without a resolvable operation Apollo fails after validation with a 500; name the field instead. */
function operationRefusal(document: DocumentNode, operationName: unknown): Refusal | undefined {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return badInput('operationName', 'operationName must be a string');
  }
  if (operationName) {
    if (!operations.some((operation) => operation.name?.value === operationName)) {
      return badInput('operationName', 'operationName names no operation in the document');
    }
  } else if (operations.length > 1) {
    return badInput('operationName', 'operationName is required when the document has several operations');
  }
  return undefined;
}

// PostgreSQL cannot store U+0000 in text; refused here so no resolver ever sees one.
const NUL = '\u0000';
const nulRefusal = (field: string) => badInput(field, `${field} must not contain a NUL character (U+0000)`);

/** The dotted path (`responses.3.text`) of the first string holding NUL, if any. */
function pathToNul(value: unknown, path: string[]): string[] | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = pathToNul(item, [...path, String(index)]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = pathToNul(item, [...path, key]);
      if (found) return found;
      if (key.includes(NUL)) return [...path, key];
    }
  }
  return undefined;
}

function literalPathToNul(value: ValueNode, path: string[]): string[] | undefined {
  if (value.kind === Kind.STRING) return value.value.includes(NUL) ? path : undefined;
  if (value.kind === Kind.LIST) {
    for (const [index, item] of value.values.entries()) {
      const found = literalPathToNul(item, [...path, String(index)]);
      if (found) return found;
    }
  }
  if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) {
      const found = literalPathToNul(field.value, [...path, field.name.value]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Fields are named as the services name them: an `input` object's own fields (`name`, not
 * `input.name`), otherwise the argument (`email`, `filter.search`).
 */
export function fieldName(argument: string, path: string[]): string {
  return (argument === 'input' && path.length > 0 ? path : [argument, ...path]).join('.');
}

/** A NUL in the document's literals, and which argument each variable feeds (to name a NUL in a variable). */
function nulInDocument(document: DocumentNode): { refusal?: Refusal; argumentOfVariable: Map<string, string> } {
  const argumentOfVariable = new Map<string, string>();
  let found: string | undefined;
  visit(document, {
    Argument(node) {
      if (found) return false;
      if (node.value.kind === Kind.VARIABLE) {
        if (!argumentOfVariable.has(node.value.name.value)) {
          argumentOfVariable.set(node.value.name.value, node.name.value);
        }
        return false;
      }
      const path = literalPathToNul(node.value, []);
      if (path) found = fieldName(node.name.value, path);
      return false;
    },
    VariableDefinition(node) {
      const path = node.defaultValue && literalPathToNul(node.defaultValue, []);
      if (path && !found) found = fieldName(node.variable.name.value, path);
    },
  });
  return { refusal: found ? nulRefusal(found) : undefined, argumentOfVariable };
}

function nulInVariables(argumentOfVariable: Map<string, string>, variables: unknown): Refusal | undefined {
  if (variables && typeof variables === 'object') {
    for (const [name, value] of Object.entries(variables)) {
      const path = pathToNul(value, []);
      if (path) return nulRefusal(fieldName(argumentOfVariable.get(name) ?? name, path));
    }
  }
  return undefined;
}

/** What a GraphQL HTTP request carries, from a JSON body or a GET query string. */
function requestParts(body: unknown, query: Record<string, unknown>) {
  const parts = (body && typeof body === 'object' && !Array.isArray(body) ? body : query) as Record<string, unknown>;
  let variables = parts.variables;
  if (typeof variables === 'string') {
    try {
      variables = JSON.parse(variables);
    } catch {
      variables = undefined; // Apollo answers malformed variables itself
    }
  }
  return { source: parts.query, operationName: parts.operationName, variables };
}

/**
 * Checks a document before Apollo parses and validates it, where a hostile one would cost the
 * most: at most LIMITS.queryTokens tokens, then depth, repeats, expanded size and aliases measured
 * in linear time, a resolvable operation, and no NUL in any string. Anything else (a syntax
 * error, an unknown field) is left to GraphQL's own validation.
 */
export function refuseDocument(body: unknown, query: Record<string, unknown>): Refusal | undefined {
  const { source, operationName, variables } = requestParts(body, query);
  if (typeof source !== 'string') return undefined;
  const verdict = documentVerdict(source, operationName);
  if (!verdict) return undefined;
  return verdict.refusal ?? nulInVariables(verdict.argumentOfVariable, variables);
}

interface Verdict {
  refusal?: Refusal;
  argumentOfVariable: Map<string, string>;
}

/** Clients send the same few documents again and again: each is measured once. */
const verdicts = new Map<string, Verdict | null>();
const REMEMBERED_DOCUMENTS = 500;
const REMEMBERED_LENGTH = 20_000;

/** What the document alone decides (null: left to GraphQL), measured once per document and operation. */
function documentVerdict(source: string, operationName: unknown): Verdict | null {
  const key = `${JSON.stringify(operationName ?? null)}\n${source}`;
  const known = verdicts.get(key);
  if (known !== undefined) return known;
  const verdict = measure(source, operationName);
  if (source.length <= REMEMBERED_LENGTH) {
    if (verdicts.size >= REMEMBERED_DOCUMENTS) verdicts.delete(verdicts.keys().next().value!);
    verdicts.set(key, verdict);
  }
  return verdict;
}

function measure(source: string, operationName: unknown): Verdict | null {
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: LIMITS.queryTokens, noLocation: true });
  } catch (error) {
    if (error instanceof RangeError || /more th\w+ \d+ tokens/.test(String((error as Error).message))) {
      return {
        refusal: tooComplex(`The document exceeds ${LIMITS.queryTokens} tokens`),
        argumentOfVariable: new Map(),
      };
    }
    return null;
  }
  const refusal = structuralRefusal(document) ?? operationRefusal(document, operationName);
  if (refusal) return { refusal, argumentOfVariable: new Map() };
  return nulInDocument(document);
}

/** Express middleware for `/graphql`, mounted after the body parser. */
export const documentGuard: RequestHandler = (req, res, next) => {
  const refusal = refuseDocument(req.body, req.query);
  if (!refusal) return next();
  sendErrorReply(req, res, { status: 400, ...refusal });
};
