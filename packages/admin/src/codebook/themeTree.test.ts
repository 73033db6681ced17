import { describe, expect, it } from 'vitest';
import { buildThemeTree, flattenThemeTree, themeOptions, type FlatTheme } from './themeTree';

const theme = (id: string, name: string, parentId?: string): FlatTheme => ({
  id,
  name,
  parent: parentId ? { id: parentId } : null,
});

const shape = (nodes: ReturnType<typeof buildThemeTree>): unknown =>
  nodes.map((node) => (node.children.length ? { [node.theme.name]: shape(node.children) } : node.theme.name));

describe('buildThemeTree', () => {
  it('nests themes under their parents, siblings by name whatever the order they arrive in', () => {
    const tree = buildThemeTree([
      theme('gp', 'GP access', 'services'),
      theme('transport', 'Transport'),
      theme('services', 'Public services'),
      theme('buses', 'buses', 'transport'),
      theme('mental', 'Mental health', 'services'),
      theme('libraries', 'Libraries', 'services'),
    ]);
    expect(shape(tree)).toEqual([
      { 'Public services': ['GP access', 'Libraries', 'Mental health'] },
      { Transport: ['buses'] },
    ]);
  });

  it('gives each node its path from the top', () => {
    const tree = buildThemeTree([theme('a', 'Place'), theme('b', 'Green spaces', 'a'), theme('c', 'Parks', 'b')]);
    expect(flattenThemeTree(tree).map((node) => node.path)).toEqual([
      ['Place'],
      ['Place', 'Green spaces'],
      ['Place', 'Green spaces', 'Parks'],
    ]);
  });

  it('keeps a theme whose parent is missing, at the top level', () => {
    const tree = buildThemeTree([theme('a', 'Safety'), theme('b', 'Orphan', 'gone')]);
    expect(shape(tree)).toEqual(['Orphan', 'Safety']);
  });

  it('does not loop forever on a cycle, and loses no theme', () => {
    const tree = buildThemeTree([theme('a', 'A', 'b'), theme('b', 'B', 'a'), theme('c', 'C', 'c')]);
    const ids = flattenThemeTree(tree).map((node) => node.theme.id);
    expect(ids.sort()).toEqual(['a', 'b', 'c']);
  });

  it('is empty for an empty codebook', () => {
    expect(buildThemeTree([])).toEqual([]);
  });
});

describe('themeOptions', () => {
  it('lists parents before children, labelled with the path', () => {
    expect(themeOptions([theme('b', 'Buses', 'a'), theme('a', 'Transport'), theme('c', 'Housing')])).toEqual([
      { value: 'c', label: 'Housing' },
      { value: 'a', label: 'Transport' },
      { value: 'b', label: 'Transport › Buses' },
    ]);
  });
});
