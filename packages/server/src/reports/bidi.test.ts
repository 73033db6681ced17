import { bidiLine, pieces } from './bidi';

const visual = (line: string) => {
  const { runs, leftToRight } = bidiLine(line);
  return leftToRight.map((i) => runs[i]!);
};

describe('a line by the bidirectional algorithm', () => {
  it('keeps English as it is, one left-to-right run', () => {
    expect(bidiLine('The library, 25 years on.')).toEqual({
      rightToLeft: false,
      runs: [{ text: 'The library, 25 years on.', rightToLeft: false }],
      leftToRight: [0],
    });
  });

  it('sets a number inside Urdu to the left of the words before it, reading on leftwards', () => {
    const line = 'میں 25 سال سے یہاں ہوں۔';
    expect(bidiLine(line).rightToLeft).toBe(true);
    // Read from the right: "میں", then 25, then the rest; on the page, left to right, the reverse.
    expect(visual(line)).toEqual([
      { text: ' سال سے یہاں ہوں۔', rightToLeft: true },
      { text: '25', rightToLeft: false },
      { text: 'میں ', rightToLeft: true },
    ]);
  });

  it('puts an English phrase in Urdu in its place, and mirrors brackets in right-to-left text', () => {
    const line = 'ہمارا (محلہ) Burslem ہے';
    const runs = visual(line);
    expect(runs.map((r) => r.text)).toEqual([' ہے', 'Burslem', 'ہمارا )محلہ( ']);
  });

  it('orders runs right to left in an English line quoting Urdu', () => {
    expect(visual('She said ہمارا محلہ today').map((r) => r.text)).toEqual(['She said ', 'ہمارا محلہ', ' today']);
  });
});

describe('pieces of a run', () => {
  it('cut at spaces and where the script changes, so each is drawn in one font', () => {
    expect(pieces('“ہمارا (محلہ)، 25')).toEqual(['“', 'ہمارا', ' ', '(', 'محلہ', ')', '،', ' ', '25']);
  });
});
