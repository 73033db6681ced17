import { createTheme, type AlertProps, type AnchorProps, type SelectProps } from '@mantine/core';

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
    Select: { defaultProps: { allowDeselect: false } satisfies Partial<SelectProps> },
    // The border and icon carry an alert's colour; a light yellow title on its tint fails contrast.
    Alert: { styles: { title: { color: 'var(--mantine-color-text)' } } satisfies AlertProps['styles'] },
  },
});
