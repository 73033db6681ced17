import { useEffect, useRef } from 'react';

/** True when a key press belongs to what the person is doing: typing, or working in a dialog, menu or list. */
function isBusyElsewhere(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('[role="dialog"], [role="menu"], [role="listbox"]') !== null
  );
}

/**
 * Single-key shortcuts for a screen, keyed by `KeyboardEvent.key` (letters in lower case).
 * They do nothing while the person types or works in a dialog, nor with Ctrl, Alt or Meta held,
 * and `enabled` turns them off altogether (WCAG 2.1.4).
 */
export function useShortcuts(actions: Record<string, () => void>, enabled: boolean) {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      if (isBusyElsewhere(event.target)) return;
      const action = latest.current[event.key.length === 1 ? event.key.toLowerCase() : event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
