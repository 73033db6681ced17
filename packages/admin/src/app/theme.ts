import {
  createTheme,
  type AlertProps,
  type AnchorProps,
  type ComboboxProps,
  type ModalProps,
  type MultiSelectProps,
  type SelectProps,
} from '@mantine/core';

// The list of choices scrolls itself, not a wrapper: keyboard users move through it from the input
// (aria-activedescendant), which axe and assistive technology recognise only on the listbox.
const LISTBOX_SCROLLS = {
  withScrollArea: false,
  styles: { options: { maxHeight: 220, overflowY: 'auto' as const } },
};

// Indigo at its darker shades keeps text and buttons above WCAG AA contrast on white.
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  focusRing: 'always',
  defaultRadius: 'sm',
  // Plain objects rather than Select.extend(…): importing Select here would put it, its combobox and
  // floating-ui (~30 kB compressed) in the first load of every page, the sign-in page included.
  components: {
    // Links inside text must not rely on colour alone (WCAG 1.4.1).
    Anchor: { defaultProps: { underline: 'always' } satisfies AnchorProps },
    // Choosing the chosen option again must not silently clear it (typing a name then Enter would).
    Select: { defaultProps: { allowDeselect: false, ...LISTBOX_SCROLLS } satisfies Partial<SelectProps> },
    MultiSelect: { defaultProps: LISTBOX_SCROLLS satisfies Partial<MultiSelectProps> },
    // An open list stays in the page (in its landmark, or in its dialog for a screen reader), placed
    // over the page rather than inside a scrolling dialog.
    Combobox: { defaultProps: { withinPortal: false, floatingStrategy: 'fixed' } satisfies ComboboxProps },
    // The border and icon carry an alert's colour; a light yellow title on its tint fails contrast.
    Alert: { styles: { title: { color: 'var(--mantine-color-text)' } } satisfies AlertProps['styles'] },
    // A dialog's title bar is a <header>: outside main it would read as a second page banner.
    ModalHeader: { defaultProps: { role: 'none' } },
    // Fading, not scaling: a transform would make the dialog the frame of an open list, and clip it.
    Modal: { defaultProps: { transitionProps: { transition: 'fade' } } satisfies Partial<ModalProps> },
  },
});
