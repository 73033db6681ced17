import { Alert, Anchor, createTheme, Select } from '@mantine/core';

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
    Select: Select.extend({ defaultProps: { allowDeselect: false } }),
    // The border and icon carry an alert's colour; a light yellow title on its tint fails contrast.
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
  },
});
