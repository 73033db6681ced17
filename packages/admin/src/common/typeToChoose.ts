/**
 * Props for a Select chosen by typing then Enter: the first match is highlighted as the list opens
 * and as it filters. Without the first, Mantine forgets, a tick after opening, the match a fast
 * typist's first keys highlighted, and Enter submits the form instead of choosing.
 */
export const TYPE_TO_CHOOSE = {
  searchable: true,
  selectFirstOptionOnChange: true,
  selectFirstOptionOnDropdownOpen: true,
} as const;
