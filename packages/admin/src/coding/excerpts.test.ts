import { afterEach, describe, expect, it } from 'vitest';
import { markedSegments, selectedPassage } from './excerpts';

/** A response text as the coding screen renders it: plain runs with a coded excerpt marked. */
function renderText() {
  document.body.innerHTML =
    '<p id="before">Heading</p><div id="text">We love the park <mark>and the library</mark> in Hanley.</div><p id="after">Codings</p>';
  const container = document.getElementById('text')!;
  const [start, mark, end] = container.childNodes;
  return { container, start: start!, markText: mark!.firstChild!, end: end! };
}

function select(anchor: Node, anchorOffset: number, focus: Node, focusOffset: number): Selection {
  const selection = document.getSelection()!;
  selection.setBaseAndExtent(anchor, anchorOffset, focus, focusOffset);
  return selection;
}

afterEach(() => {
  document.getSelection()?.removeAllRanges();
  document.body.innerHTML = '';
});

describe('selectedPassage', () => {
  it('reads a selection inside one run of the text', () => {
    const { container, start } = renderText();
    expect(selectedPassage(container, select(start, 3, start, 16))).toBe('love the park');
  });

  it('reads across a marked excerpt as the plain words of the response', () => {
    const { container, start, end } = renderText();
    expect(selectedPassage(container, select(start, 12, end, 10))).toBe('park and the library in Hanley');
  });

  it('reads a selection made backwards (focus before anchor)', () => {
    const { container, start, markText } = renderText();
    expect(selectedPassage(container, select(markText, 7, start, 17))).toBe('and the');
  });

  it('keeps only the part inside the text when the selection reaches beyond it', () => {
    const { container, end } = renderText();
    const before = document.getElementById('before')!.firstChild!;
    const after = document.getElementById('after')!.firstChild!;
    expect(selectedPassage(container, select(before, 2, end, 3))).toBe('We love the park and the library in');
    expect(selectedPassage(container, select(end, 4, after, 3))).toBe('Hanley.');
  });

  it('is null for a selection outside the text, a bare caret, blank space or no selection', () => {
    const { container, start } = renderText();
    const before = document.getElementById('before')!.firstChild!;
    expect(selectedPassage(container, select(before, 0, before, 4))).toBeNull();
    expect(selectedPassage(container, select(start, 5, start, 5))).toBeNull();
    expect(selectedPassage(container, select(start, 2, start, 3))).toBeNull();
    document.getSelection()!.removeAllRanges();
    expect(selectedPassage(container, document.getSelection())).toBeNull();
    expect(selectedPassage(container, null)).toBeNull();
  });
});

describe('markedSegments', () => {
  const text = 'The bus is late. The bus is full. Parks are lovely.';

  it('marks every occurrence of an excerpt', () => {
    expect(markedSegments(text, ['The bus'])).toEqual([
      { text: 'The bus', marked: true },
      { text: ' is late. ', marked: false },
      { text: 'The bus', marked: true },
      { text: ' is full. Parks are lovely.', marked: false },
    ]);
  });

  it('marks overlapping and touching excerpts as one passage', () => {
    expect(markedSegments(text, ['bus is late.', 'The bus', ' The bus is full'])).toEqual([
      { text: 'The bus is late. The bus is full', marked: true },
      { text: '. Parks are lovely.', marked: false },
    ]);
  });

  it('leaves the text plain for whole-response codings and excerpts no longer in it', () => {
    expect(markedSegments(text, [null, undefined, '', 'trams'])).toEqual([{ text, marked: false }]);
  });

  it('marks the whole text when an excerpt is all of it', () => {
    expect(markedSegments('Parks.', ['Parks.'])).toEqual([{ text: 'Parks.', marked: true }]);
  });
});
