import { Mark } from '@mantine/core';
import { Fragment } from 'react';
import { markedSegments } from './excerpts';

/** A response's words with its coded excerpts marked; no other text, so a selection reads exactly the response. */
export function MarkedText({ text, excerpts }: { text: string; excerpts: readonly (string | null | undefined)[] }) {
  return (
    <>
      {markedSegments(text, excerpts).map((segment, index) =>
        segment.marked ? <Mark key={index}>{segment.text}</Mark> : <Fragment key={index}>{segment.text}</Fragment>,
      )}
    </>
  );
}
