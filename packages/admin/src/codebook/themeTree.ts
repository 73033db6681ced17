/** What the tree needs of a theme: the server lists the codebook flat, each theme naming its parent. */
export interface FlatTheme {
  id: string;
  name: string;
  parent?: { id: string } | null;
}

export interface ThemeNode<T extends FlatTheme> {
  theme: T;
  /** Names from the top of the tree down to this theme. */
  path: string[];
  children: ThemeNode<T>[];
}

const byName = (a: FlatTheme, b: FlatTheme) => a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' });

/**
 * The codebook as a tree, siblings by name. A theme whose parent is not in the list (or a loop,
 * which the server refuses) is shown at the top level rather than lost.
 */
export function buildThemeTree<T extends FlatTheme>(themes: readonly T[]): ThemeNode<T>[] {
  const ids = new Set(themes.map((theme) => theme.id));
  const childrenOf = new Map<string, T[]>();
  for (const theme of themes) {
    const parentId = theme.parent?.id;
    if (parentId && ids.has(parentId) && parentId !== theme.id) {
      childrenOf.set(parentId, [...(childrenOf.get(parentId) ?? []), theme]);
    }
  }
  const placed = new Set<string>();
  const grow = (theme: T, parentPath: string[]): ThemeNode<T> => {
    placed.add(theme.id);
    const path = [...parentPath, theme.name];
    const children = (childrenOf.get(theme.id) ?? [])
      .filter((child) => !placed.has(child.id))
      .sort(byName)
      .map((child) => grow(child, path));
    return { theme, path, children };
  };
  const isRoot = (theme: T) => !theme.parent || !ids.has(theme.parent.id) || theme.parent.id === theme.id;
  const roots = themes
    .filter(isRoot)
    .sort(byName)
    .map((theme) => grow(theme, []));
  const stranded = themes.filter((theme) => !placed.has(theme.id)).sort(byName);
  for (const theme of stranded) if (!placed.has(theme.id)) roots.push(grow(theme, []));
  return roots;
}

/** Every node, each parent before its children: the order pickers list themes in. */
export function flattenThemeTree<T extends FlatTheme>(roots: readonly ThemeNode<T>[]): ThemeNode<T>[] {
  return roots.flatMap((node) => [node, ...flattenThemeTree(node.children)]);
}

/**
 * How a theme reads wherever it is chosen or shown: its place in the tree, e.g. "Public
 * services › GP access", since the same name may sit at two levels.
 */
export const themePathLabel = (theme: { path: readonly string[] }) => theme.path.join(' › ');

/** Select options for every theme, in tree order, labelled with their path. */
export function themeOptions(themes: readonly FlatTheme[]): { value: string; label: string }[] {
  return flattenThemeTree(buildThemeTree(themes)).map((node) => ({
    value: node.theme.id,
    label: themePathLabel(node),
  }));
}

/** The picker value for "no parent": Select values cannot be null. */
export const TOP_LEVEL = 'top-level';

/** Where a theme may be placed: the top level or under any theme but `exceptId` itself. */
export function placeOptions(themes: readonly FlatTheme[], exceptId?: string): { value: string; label: string }[] {
  return [
    { value: TOP_LEVEL, label: 'Top level' },
    ...themeOptions(themes).filter((option) => option.value !== exceptId),
  ];
}
