import { Prompt } from '@chorus/shared';
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { draftStorageKey } from '../common/drafts';
import { GROUP_NOTES, useCaptureDraft } from './useCaptureDraft';

const SESSION = '5b0c2f0e-8d2a-4c55-9a57-3f1b7c1e0a01';
const PARTICIPANT = '0f6f2c1a-54b4-4b0e-a3f4-9a4f6f3f7e22';

const mount = (userId = 'user-1') => renderHook(() => useCaptureDraft(SESSION, userId));

afterEach(() => sessionStorage.clear());

describe('useCaptureDraft', () => {
  it('restores typed text and the speaker after a remount, and says so', () => {
    const first = mount();
    expect(first.result.current.restored).toBeNull();
    act(() => {
      first.result.current.setSpeaker(PARTICIPANT);
      first.result.current.setText(Prompt.VALUES, 'The park on Sundays');
    });
    expect(first.result.current.hasUnsentWork).toBe(true);
    first.unmount();

    const second = mount();
    expect(second.result.current.speaker).toBe(PARTICIPANT);
    expect(second.result.current.texts[Prompt.VALUES]).toBe('The park on Sundays');
    expect(second.result.current.restored).toBe('text');
  });

  it('keeps unsent text in this tab only, never in localStorage', () => {
    const draft = mount();
    act(() => draft.result.current.setText(Prompt.VALUES, 'Said before redaction'));
    expect(sessionStorage.getItem(draftStorageKey(SESSION))).toContain('Said before redaction');
    expect(Object.keys(localStorage)).toEqual([]);
  });

  it("does not hand one user's unsent work to another", () => {
    const first = mount('user-1');
    act(() => first.result.current.setText(Prompt.VALUES, 'Said to user 1'));
    first.unmount();

    const other = mount('user-2');
    expect(other.result.current.texts).toEqual({});
    expect(other.result.current.restored).toBeNull();
  });

  it('keeps the same idempotency key and payload until the server confirms, across remounts', () => {
    const first = mount();
    act(() => {
      first.result.current.setSpeaker(PARTICIPANT);
      first.result.current.setText(Prompt.CHALLENGES, '  Buses after six  ');
      first.result.current.setText(Prompt.VALUES, 'Neighbours');
      first.result.current.setText(Prompt.FUTURE, '   ');
    });
    let batch = null as ReturnType<typeof first.result.current.prepareBatch>;
    act(() => {
      batch = first.result.current.prepareBatch();
    });
    expect(batch).toMatchObject({
      sessionId: SESSION,
      responses: [
        { participantId: PARTICIPANT, prompt: Prompt.VALUES, text: 'Neighbours' },
        { participantId: PARTICIPANT, prompt: Prompt.CHALLENGES, text: 'Buses after six' },
      ],
    });
    // A double click, before any re-render: the same batch, not a second one.
    act(() => {
      expect(first.result.current.prepareBatch()).toEqual(batch);
    });
    first.unmount();

    // A reload while the batch was in flight: the very same key and payload come back.
    const second = mount();
    expect(second.result.current.pending).toEqual(batch);
    expect(second.result.current.restored).toBe('batch');
    act(() => {
      expect(second.result.current.prepareBatch()).toEqual(batch);
    });

    act(() => second.result.current.confirmBatch());
    expect(second.result.current.pending).toBeNull();
    expect(second.result.current.restored).toBeNull();
    expect(second.result.current.hasUnsentWork).toBe(false);
    expect(second.result.current.texts).toEqual({});
    expect(second.result.current.speaker).toBe(PARTICIPANT);

    act(() => second.result.current.setText(Prompt.VALUES, 'Next answer'));
    act(() => {
      const next = second.result.current.prepareBatch();
      expect(next?.idempotencyKey).toBeTruthy();
      expect(next?.idempotencyKey).not.toBe(batch!.idempotencyKey);
    });
  });

  it('takes a new key once the server refused the batch, since nothing was stored', () => {
    const { result } = mount();
    act(() => {
      result.current.setSpeaker(GROUP_NOTES);
      result.current.setText(Prompt.BELONGING, 'The market hall');
    });
    let firstKey = '';
    act(() => {
      firstKey = result.current.prepareBatch()!.idempotencyKey;
    });
    act(() => result.current.releaseBatch());
    expect(result.current.texts[Prompt.BELONGING]).toBe('The market hall');
    act(() => {
      const retry = result.current.prepareBatch()!;
      expect(retry.idempotencyKey).not.toBe(firstKey);
      expect(retry.responses).toEqual([{ participantId: null, prompt: Prompt.BELONGING, text: 'The market hall' }]);
    });
  });

  it('sends nothing without a speaker or any text, and forgets everything on discard', () => {
    const { result } = mount();
    act(() => result.current.setText(Prompt.VALUES, 'Typed before choosing a speaker'));
    act(() => {
      expect(result.current.prepareBatch()).toBeNull();
    });
    act(() => result.current.setSpeaker(GROUP_NOTES));
    act(() => result.current.setText(Prompt.VALUES, ''));
    act(() => {
      expect(result.current.prepareBatch()).toBeNull();
    });

    act(() => result.current.discard());
    expect(sessionStorage.getItem(draftStorageKey(SESSION))).toBeNull();
    expect(result.current.speaker).toBeNull();
  });
});
