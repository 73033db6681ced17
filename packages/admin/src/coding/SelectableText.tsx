import { Box } from '@mantine/core';
import { useEffect, useState, type KeyboardEvent, type RefObject } from 'react';
import { selectedPassage } from './excerpts';
import { MarkedText } from './MarkedText';

interface SelectableTextProps {
  text: string;
  /** Coded excerpts, marked in the text. */
  excerpts: readonly (string | null | undefined)[];
  /** Each passage the coder selects inside the text; a stable function (e.g. a state setter). */
  onSelectPassage: (passage: string) => void;
  /** Enter pressed in the text. */
  onEnter: () => void;
  regionRef: RefObject<HTMLDivElement | null>;
  /** The id of the text explaining how to select. */
  hintId: string;
}

const DIRECTION: Record<string, 'forward' | 'backward'> = {
  ArrowRight: 'forward',
  ArrowDown: 'forward',
  End: 'forward',
  ArrowLeft: 'backward',
  ArrowUp: 'backward',
  Home: 'backward',
};

function granularity(event: KeyboardEvent) {
  if (event.key === 'ArrowUp' || event.key === 'ArrowDown') return 'line';
  if (event.key === 'Home' || event.key === 'End') return 'lineboundary';
  return event.ctrlKey || event.altKey ? 'word' : 'character';
}

function firstTextNode(root: Node): Node | null {
  return root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT).nextNode();
}

interface CaretBox {
  left: number;
  top: number;
  height: number;
}

/** Where to draw the caret, relative to the region's frame; null when the browser gives no box. */
function caretBox(frame: HTMLElement, range: Range): CaretBox | null {
  const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
  if (!rect || rect.height === 0) return null;
  const origin = frame.getBoundingClientRect();
  return { left: rect.left - origin.left, top: rect.top - origin.top, height: rect.height };
}

/**
 * A response's text that can be selected with the mouse or the keyboard. Browsers move no
 * caret through text that cannot be edited, so this one does: the arrow keys move it, with
 * Shift they select (Ctrl or Alt for whole words), and it is drawn while the text has focus.
 */
export function SelectableText({ text, excerpts, onSelectPassage, onEnter, regionRef, hintId }: SelectableTextProps) {
  const [caret, setCaret] = useState<CaretBox | null>(null);

  useEffect(() => {
    const follow = () => {
      const region = regionRef.current;
      const selection = document.getSelection();
      if (!region || !selection) return;
      const passage = selectedPassage(region, selection);
      if (passage) onSelectPassage(passage);
      const caretInside =
        document.activeElement === region &&
        selection.rangeCount > 0 &&
        selection.isCollapsed &&
        region.contains(selection.anchorNode);
      setCaret(caretInside && region.parentElement ? caretBox(region.parentElement, selection.getRangeAt(0)) : null);
    };
    document.addEventListener('selectionchange', follow);
    return () => document.removeEventListener('selectionchange', follow);
  }, [onSelectPassage, regionRef]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const region = regionRef.current;
    const selection = document.getSelection();
    if (!region || !selection) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      onEnter();
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key === 'a') {
      event.preventDefault();
      selection.selectAllChildren(region);
      return;
    }
    const direction = DIRECTION[event.key];
    if (!direction) return;
    event.preventDefault();
    const outside =
      selection.rangeCount === 0 || (!region.contains(selection.anchorNode) && !region.contains(selection.focusNode));
    if (outside) {
      const start = firstTextNode(region);
      if (!start) return;
      selection.collapse(start, 0);
    }
    selection.modify(event.shiftKey ? 'extend' : 'move', direction, granularity(event));
  };

  // Arriving by keyboard puts the caret at the start, ready to move or select.
  const onFocus = () => {
    const region = regionRef.current;
    const selection = document.getSelection();
    if (!region || !selection || !region.matches(':focus-visible') || region.contains(selection.anchorNode)) return;
    const start = firstTextNode(region);
    if (start) selection.collapse(start, 0);
  };

  return (
    <Box pos="relative">
      <Box
        ref={regionRef}
        role="region"
        aria-label="Response text"
        aria-describedby={hintId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onBlur={() => setCaret(null)}
        p="md"
        fz="lg"
        lh={1.7}
        bd="1px solid var(--mantine-color-gray-4)"
        bdrs="sm"
        style={{ whiteSpace: 'pre-wrap', cursor: 'text' }}
      >
        <MarkedText text={text} excerpts={excerpts} />
      </Box>
      {caret && (
        <Box
          aria-hidden
          pos="absolute"
          left={caret.left}
          top={caret.top}
          h={caret.height}
          w={2}
          bg="var(--mantine-color-text)"
          style={{ pointerEvents: 'none' }}
        />
      )}
    </Box>
  );
}
