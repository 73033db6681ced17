/**
 * The passage selected inside `container`: a selection reaching beyond it is cut at its edges,
 * and surrounding white space is dropped (the server trims excerpts too). Null when nothing
 * inside the container is selected.
 */
export function selectedPassage(container: Node, selection: Selection | null): string | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!range.intersectsNode(container)) return null;
  const bounds = container.ownerDocument!.createRange();
  bounds.selectNodeContents(container);
  const inside = range.cloneRange();
  if (bounds.comparePoint(range.startContainer, range.startOffset) < 0) {
    inside.setStart(bounds.startContainer, bounds.startOffset);
  }
  if (bounds.comparePoint(range.endContainer, range.endOffset) > 0) {
    inside.setEnd(bounds.endContainer, bounds.endOffset);
  }
  return inside.toString().trim() || null;
}

export interface TextSegment {
  text: string;
  /** True for a run of text inside a coded excerpt. */
  marked: boolean;
}

/**
 * The text cut into plain and marked runs: every occurrence of each excerpt is marked, and
 * passages that overlap or touch are marked as one.
 */
export function markedSegments(text: string, excerpts: readonly (string | null | undefined)[]): TextSegment[] {
  const spans: [number, number][] = [];
  for (const excerpt of new Set(excerpts)) {
    if (!excerpt) continue;
    for (let at = text.indexOf(excerpt); at !== -1; at = text.indexOf(excerpt, at + 1)) {
      spans.push([at, at + excerpt.length]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of spans) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const segments: TextSegment[] = [];
  let position = 0;
  for (const [start, end] of merged) {
    if (start > position) segments.push({ text: text.slice(position, start), marked: false });
    segments.push({ text: text.slice(start, end), marked: true });
    position = end;
  }
  if (position < text.length) segments.push({ text: text.slice(position), marked: false });
  return segments;
}
