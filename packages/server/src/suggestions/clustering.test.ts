import { clusterTexts, EXAMPLES, type TextItem } from './clustering';

// Three groups of texts with words of their own, 12 each, and shared filler.
const GROUPS: Record<string, string[]> = {
  bins: ['bins', 'collection', 'rubbish', 'recycling', 'missed'],
  lights: ['streetlights', 'dark', 'lamp', 'broken', 'night'],
  library: ['library', 'books', 'opening', 'hours', 'reading'],
};

function items(): TextItem[] {
  const out: TextItem[] = [];
  for (const [group, vocab] of Object.entries(GROUPS)) {
    for (let n = 0; n < 12; n++) {
      const picked = [0, 1, 2].map((k) => vocab[(n + k) % 5]!);
      out.push({ id: `${group}-${n}`, text: `well people reckon ${picked.join(' ')} round here` });
    }
  }
  return out;
}

describe('grouping uncoded responses', () => {
  it('finds the groups there are, each labelled with its own words and examples from it alone', async () => {
    const clusters = await clusterTexts(items(), { k: 3 });
    expect(clusters).toHaveLength(3);
    for (const cluster of clusters) {
      const group = cluster.examples[0]!.split('-')[0]!;
      expect(cluster.size).toBe(12);
      expect(cluster.examples).toHaveLength(EXAMPLES);
      expect(cluster.examples.every((id) => id.startsWith(`${group}-`))).toBe(true);
      expect(cluster.keyphrases.length).toBeGreaterThan(0);
      expect(cluster.keyphrases.every((p) => p.split(' ').every((w) => GROUPS[group]!.includes(w)))).toBe(true);
    }
  });

  it('groups the same texts the same way every time', async () => {
    expect(await clusterTexts(items(), { k: 3 })).toEqual(await clusterTexts(items(), { k: 3 }));
  });

  it('drops groups too small to be a theme, and copes with nothing to group', async () => {
    expect(await clusterTexts([])).toEqual([]);
    const few = items().slice(0, 2);
    expect(await clusterTexts(few, { k: 1 })).toEqual([]);
  });
});
