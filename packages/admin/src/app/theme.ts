import { Alert, Anchor, Combobox, createTheme, Modal, MultiSelect, Select } from '@mantine/core';

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
  components: {
    // Links inside text must not rely on colour alone (WCAG 1.4.1).
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // Choosing the chosen option again must not silently clear it (typing a name then Enter would).
    Select: Select.extend({ defaultProps: { allowDeselect: false, ...LISTBOX_SCROLLS } }),
    MultiSelect: MultiSelect.extend({ defaultProps: LISTBOX_SCROLLS }),
    // An open list stays in the page (in its landmark, or in its dialog for a screen reader), placed
    // over the page rather than inside a scrolling dialog.
    Combobox: Combobox.extend({ defaultProps: { withinPortal: false, floatingStrategy: 'fixed' } }),
    // The border and icon carry an alert's colour; a light yellow title on its tint fails contrast.
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
    // A dialog's title bar is a <header>: outside main it would read as a second page banner.
    ModalHeader: Modal.Header.extend({ defaultProps: { role: 'none' } }),
    // Fading, not scaling: a transform would make the dialog the frame of an open list, and clip it.
    Modal: Modal.extend({ defaultProps: { transitionProps: { transition: 'fade' } } }),
  },
});
