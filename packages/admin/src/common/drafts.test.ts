import { Role } from '@chorus/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session } from '../auth/session';
import { clearDrafts, confirmSignOut, draftStorageKey, explorerStorage } from './drafts';

const USER = { id: 'u1', email: 'f@chorus.local', displayName: 'Facilitator', role: Role.FACILITATOR };
const DRAFT = '{"texts":{"VALUES":"Our park"}}';

afterEach(() => {
  session.signOut();
  localStorage.clear();
  sessionStorage.clear();
});

describe('confirmSignOut', () => {
  it('signs out without asking when nothing is unsent', () => {
    const confirm = vi.fn(() => false);
    expect(confirmSignOut(confirm)).toBe(true);
    expect(confirm).not.toHaveBeenCalled();
  });

  it('asks before unsent responses are deleted, and keeps them when the person says no', () => {
    sessionStorage.setItem(draftStorageKey('s1'), DRAFT);
    expect(confirmSignOut(() => false)).toBe(false);
    expect(sessionStorage.getItem(draftStorageKey('s1'))).toBe(DRAFT);
    expect(confirmSignOut(() => true)).toBe(true);
  });
});

describe('unsent work ends with the sign-in', () => {
  it('is deleted on sign-out, with the explorer tabs and any left in localStorage, and nothing else', () => {
    session.signIn('token-1', '2099-01-01T00:00:00Z', USER);
    sessionStorage.setItem(draftStorageKey('s1'), DRAFT);
    sessionStorage.setItem('graphiql:tabState', '{"query":"{ me { email } }"}');
    localStorage.setItem(draftStorageKey('s0'), DRAFT);
    localStorage.setItem('chorus.codingShortcuts', 'on');

    session.signOut();
    expect(sessionStorage.getItem(draftStorageKey('s1'))).toBeNull();
    expect(sessionStorage.getItem('graphiql:tabState')).toBeNull();
    expect(localStorage.getItem(draftStorageKey('s0'))).toBeNull();
    expect(localStorage.getItem('chorus.codingShortcuts')).toBe('on');
  });

  it('survives an expired session for the same person signing in again, not for someone else', () => {
    session.signIn('token-1', '2099-01-01T00:00:00Z', USER);
    sessionStorage.setItem(draftStorageKey('s1'), DRAFT);
    session.markExpired('token-1');
    session.signIn('token-2', '2099-01-01T00:00:00Z', USER);
    expect(sessionStorage.getItem(draftStorageKey('s1'))).toBe(DRAFT);

    session.markExpired('token-2');
    session.signIn('token-3', '2099-01-01T00:00:00Z', { ...USER, id: 'u2', email: 'other@chorus.local' });
    expect(sessionStorage.getItem(draftStorageKey('s1'))).toBeNull();
  });

  it('clearDrafts leaves the sign-in itself alone', () => {
    session.signIn('token-1', '2099-01-01T00:00:00Z', USER);
    sessionStorage.setItem(draftStorageKey('s1'), DRAFT);
    clearDrafts();
    expect(sessionStorage.getItem(draftStorageKey('s1'))).toBeNull();
    expect(session.token).toBe('token-1');
  });
});

describe('explorerStorage', () => {
  it('clears only the explorer’s own keys', () => {
    session.signIn('token-1', '2099-01-01T00:00:00Z', USER);
    explorerStorage.setItem('graphiql:query', '{ areas { name } }');
    sessionStorage.setItem(draftStorageKey('s1'), DRAFT);
    expect(explorerStorage.length).toBe(1);
    explorerStorage.clear();
    expect(explorerStorage.getItem('graphiql:query')).toBeNull();
    expect(sessionStorage.getItem(draftStorageKey('s1'))).toBe(DRAFT);
    expect(session.token).toBe('token-1');
  });
});
