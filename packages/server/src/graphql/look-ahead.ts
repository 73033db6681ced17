import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The fields named `name` in a selection set, through inline fragments and fragment spreads. */
function fieldsNamed(set: SelectionSetNode | undefined, name: string, info: GraphQLResolveInfo): FieldNode[] {
  const found: FieldNode[] = [];
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name) found.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      found.push(...fieldsNamed(selection.selectionSet, name, info));
    } else {
      found.push(...fieldsNamed(info.fragments[selection.name.value]?.selectionSet, name, info));
    }
  }
  return found;
}

/**
 * Whether the client selected `path` (field names, e.g. `edges`, `node`, `session`) under the
 * field being resolved. A look-ahead, so that a list can read in its own statement the children
 * it will be asked for; it may say yes for a field a `@skip` leaves out, which costs a read, never
 * an answer.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let nodes: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    nodes = nodes.flatMap((node) => fieldsNamed(node.selectionSet, name, info));
    if (!nodes.length) return false;
  }
  return true;
}
