import type { FocusEvent, KeyboardEvent } from 'react';

/**
 * Props for a Select or MultiSelect chosen by typing then Enter: the first match is highlighted as
 * the list opens and as it filters. Without the first, Mantine forgets, a tick after opening, the
 * match a fast typist's first keys highlighted. Enter in a picker picks and never submits the form:
 * with no match it would otherwise save what the picker held before (for example "None assigned").
 * Focusing selects the text shown, so typing replaces the current choice instead of appending to it.
 */
export const TYPE_TO_CHOOSE = {
  searchable: true,
  selectFirstOptionOnChange: true,
  selectFirstOptionOnDropdownOpen: true,
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => {
    // Mantine still picks the highlighted option after this; only the form's implicit submit is stopped.
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) event.preventDefault();
  },
  onFocus: (event: FocusEvent<HTMLInputElement>) => event.currentTarget.select(),
} as const;
