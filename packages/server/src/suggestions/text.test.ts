import { stem, terms, words } from './text';

describe('the Porter stemmer', () => {
  // Examples from Porter (1980), "An algorithm for suffix stripping", steps 1 to 5.
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['cats', 'cat'],
    ['feed', 'feed'],
    ['agreed', 'agre'],
    ['plastered', 'plaster'],
    ['motoring', 'motor'],
    ['sing', 'sing'],
    ['conflated', 'conflat'],
    ['hopping', 'hop'],
    ['falling', 'fall'],
    ['filing', 'file'],
    ['happy', 'happi'],
    ['relational', 'relat'],
    ['conditional', 'condit'],
    ['digitizer', 'digit'],
    ['hopefulness', 'hope'],
    ['generalization', 'gener'],
    ['triplicate', 'triplic'],
    ['electrical', 'electr'],
    ['adjustment', 'adjust'],
    ['adoption', 'adopt'],
    ['probate', 'probat'],
    ['controll', 'control'],
    ['roll', 'roll'],
  ])('stems %s to %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

describe('features of a text', () => {
  it('drops stop words and apostrophes, and pairs adjacent stems', () => {
    expect(words("The buses don't run after dark")).toEqual(['buses', 'run', 'dark']);
    expect(terms('Buses running late').map((t) => t.key)).toEqual(['buse', 'run', 'late', 'buse run', 'run late']);
    expect(terms('Buses running late').map((t) => t.shown)).toContain('running late');
  });
});
