import { Classifier, MAX_SUGGESTIONS, trainClassifier, type LabelledText } from './classifier';

// Three themes, each with words of its own; the filler words are shared by every text.
const VOCAB: Record<string, string[]> = {
  transport: ['bus', 'late', 'timetable', 'route', 'fares'],
  parks: ['park', 'trees', 'grass', 'playground', 'benches'],
  housing: ['rent', 'landlord', 'damp', 'flat', 'repairs'],
};
const FILLER = ['honestly', 'round', 'here', 'people', 'always', 'say'];

function text(themes: string[], n: number): string {
  const picked = themes.flatMap((theme) => [0, 1, 2].map((k) => VOCAB[theme]![(n + k * 2) % 5]!));
  return [...FILLER.slice(n % 3, (n % 3) + 3), ...picked].join(' ');
}

function fixture(): LabelledText[] {
  const items: LabelledText[] = [];
  for (let n = 0; n < 30; n++)
    for (const theme of Object.keys(VOCAB)) items.push({ text: text([theme], n), labels: [theme] });
  for (let n = 0; n < 15; n++) items.push({ text: text(['transport', 'parks'], n), labels: ['transport', 'parks'] });
  return items;
}

describe('the theme classifier', () => {
  let classifier: Classifier;
  beforeAll(async () => {
    classifier = new Classifier(await trainClassifier(fixture()));
  });

  it("suggests a text's one theme first, with that theme's words as the reason", () => {
    const [first] = classifier.suggest('the landlord never does repairs and the flat is damp');
    expect(first!.label).toBe('housing');
    expect(first!.score).toBeGreaterThan(0.5);
    expect(first!.words.every((w) => ['landlord', 'repairs', 'flat', 'damp'].some((v) => w.includes(v)))).toBe(true);
  });

  it('suggests both themes of a text about two, and no third', () => {
    const suggested = classifier.suggest('the bus timetable is a joke and the playground benches are broken');
    expect(suggested.map((s) => s.label).sort()).toEqual(['parks', 'transport']);
  });

  it('leaves out themes already coded and themes no longer in the codebook', () => {
    const text = 'the bus timetable is a joke and the playground benches are broken';
    expect(classifier.suggest(text, { exclude: ['transport'] }).map((s) => s.label)).toEqual(['parks']);
    expect(classifier.suggest(text, { allowed: (label) => label !== 'parks' }).map((s) => s.label)).toEqual([
      'transport',
    ]);
  });

  it('suggests nothing for words it never saw, and never more than three', () => {
    expect(classifier.suggest('quantum chromodynamics')).toEqual([]);
    const all = classifier.suggest('bus late route park trees grass rent landlord damp');
    expect(all.length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
  });

  it('learns the same model from the same codings', async () => {
    const again = await trainClassifier(fixture());
    expect(Buffer.from(again.weights.buffer).equals(Buffer.from(classifier.model.weights.buffer))).toBe(true);
  });
});
