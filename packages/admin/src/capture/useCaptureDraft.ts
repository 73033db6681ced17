import { Prompt } from '@chorus/shared';
import { useRef, useState } from 'react';
import { draftStorageKey } from '../common/drafts';
import type { SubmitResponsesInput } from '../gql/graphql';

/** The "Who is speaking" value for notes about a group, which carry no participant. */
export const GROUP_NOTES = 'GROUP';

export type DraftTexts = Partial<Record<Prompt, string>>;

/** What the facilitator has typed and not yet had confirmed by the server. */
export interface CaptureDraft {
  /** A participant id, `GROUP_NOTES`, or null before anyone is chosen. */
  speaker: string | null;
  texts: DraftTexts;
  /**
   * The batch as first sent, with its idempotency key, until the server confirms it. Sending it
   * again is safe: the server stores a batch once per key.
   */
  pending: SubmitResponsesInput | null;
}

interface StoredDraft extends CaptureDraft {
  /** Whose work it is: idempotency keys are per user, and one person's notes are not another's. */
  userId: string;
}

/** Unsent work found on opening the screen: typed text, or a batch sent but never confirmed. */
export type RestoredWork = 'text' | 'batch' | null;

const EMPTY: CaptureDraft = { speaker: null, texts: {}, pending: null };

const hasText = (texts: DraftTexts) => Object.values(texts).some((text) => text?.trim());

function read(sessionId: string, userId: string): CaptureDraft {
  try {
    const raw = sessionStorage.getItem(draftStorageKey(sessionId));
    const stored = raw ? (JSON.parse(raw) as StoredDraft) : null;
    if (!stored || stored.userId !== userId) return EMPTY;
    return { speaker: stored.speaker, texts: stored.texts ?? {}, pending: stored.pending };
  } catch {
    return EMPTY;
  }
}

function write(sessionId: string, userId: string, draft: CaptureDraft): void {
  try {
    const key = draftStorageKey(sessionId);
    if (!draft.speaker && !hasText(draft.texts) && !draft.pending) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify({ ...draft, userId } satisfies StoredDraft));
  } catch {
    // Storage full or blocked (private browsing): the work stays on screen; only reload-survival is lost.
  }
}

/**
 * The capture screen's unsent work for one session: typed text, the chosen speaker and the batch
 * being sent. Every change is kept in this tab's sessionStorage at once, so a reload or a crash of the
 * page loses nothing (signing out or closing the tab deletes it: src/common/drafts.ts),
 * and a batch keeps its idempotency key until the server confirms it, so a retry never stores twice.
 */
export function useCaptureDraft(sessionId: string, userId: string) {
  const [draft, setDraft] = useState<CaptureDraft>(() => read(sessionId, userId));
  const [restored, setRestored] = useState<RestoredWork>(() =>
    draft.pending ? 'batch' : hasText(draft.texts) ? 'text' : null,
  );
  // The latest draft without waiting for a render: two quick saves must see the same pending batch.
  const latest = useRef(draft);

  const update = (change: (current: CaptureDraft) => CaptureDraft) => {
    const next = change(latest.current);
    latest.current = next;
    write(sessionId, userId, next);
    setDraft(next);
  };

  return {
    ...draft,
    /** True while there is typed text or a batch not yet confirmed. */
    hasUnsentWork: hasText(draft.texts) || draft.pending !== null,
    /** What came back from storage when the screen opened, until it is saved, discarded or dismissed. */
    restored,
    dismissRestored: () => setRestored(null),
    setSpeaker: (speaker: string | null) => update((current) => ({ ...current, speaker })),
    setText: (prompt: Prompt, text: string) =>
      update((current) => ({ ...current, texts: { ...current.texts, [prompt]: text } })),
    /**
     * The batch to send: the unsent one, unchanged and under the same key, if there is one;
     * otherwise a new one from the non-empty texts, in prompt order, under a new key.
     * Null when there is nothing to send or no speaker.
     */
    prepareBatch: (): SubmitResponsesInput | null => {
      const current = latest.current;
      if (current.pending) return current.pending;
      if (!current.speaker) return null;
      const participantId = current.speaker === GROUP_NOTES ? null : current.speaker;
      const responses = Object.values(Prompt)
        .map((prompt) => ({ participantId, prompt, text: current.texts[prompt]?.trim() ?? '' }))
        .filter((response) => response.text);
      if (!responses.length) return null;
      const pending = { sessionId, idempotencyKey: crypto.randomUUID(), responses };
      update((draft) => ({ ...draft, pending }));
      return pending;
    },
    /** The server stored the batch (or already had it): clear the texts, keep the speaker. */
    confirmBatch: () => {
      update((current) => ({ ...current, texts: {}, pending: null }));
      setRestored(null);
    },
    /** The server refused the batch, so nothing was stored: the texts are editable again, under a new key next time. */
    releaseBatch: () => update((current) => ({ ...current, pending: null })),
    /** Forget all unsent work for this session. */
    discard: () => {
      update(() => EMPTY);
      setRestored(null);
    },
  };
}

export type CaptureDraftState = ReturnType<typeof useCaptureDraft>;
