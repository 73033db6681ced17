import { afterEach, describe, expect, it, vi } from 'vitest';
import { discardDraftsOnSignOut, draftStorageKey } from './drafts';

afterEach(() => localStorage.clear());

describe('discardDraftsOnSignOut', () => {
  it('signs out without asking when nothing is unsent', () => {
    const confirm = vi.fn(() => false);
    expect(discardDraftsOnSignOut(confirm)).toBe(true);
    expect(confirm).not.toHaveBeenCalled();
  });

  it('deletes unsent work once the person agrees, leaving other storage alone', () => {
    localStorage.setItem(draftStorageKey('s1'), '{"texts":{"VALUES":"Our park"}}');
    localStorage.setItem('chorus.codingShortcuts', 'on');
    expect(discardDraftsOnSignOut(() => true)).toBe(true);
    expect(localStorage.getItem(draftStorageKey('s1'))).toBeNull();
    expect(localStorage.getItem('chorus.codingShortcuts')).toBe('on');
  });

  it('keeps unsent work and stays signed in when the person says no', () => {
    localStorage.setItem(draftStorageKey('s1'), '{}');
    expect(discardDraftsOnSignOut(() => false)).toBe(false);
    expect(localStorage.getItem(draftStorageKey('s1'))).toBe('{}');
  });
});
