import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Dense work screens: small controls, tight tables, a calm indigo. Contrast is raised where
 * Mantine's defaults fall under WCAG AA on white (dimmed text, placeholders).
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  // People who ask their system for less motion get no transitions (modals, menus, notifications).
  respectReducedMotion: true,
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'sm',
  fontFamily: 'Inter, "Segoe UI", Roboto, "Liberation Sans", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650', sizes: { h1: { fontSize: '1.375rem' }, h2: { fontSize: '1.125rem' }, h3: { fontSize: '1rem' } } },
  fontSizes: { md: '0.9375rem' },
  components: {
    TextInput: { defaultProps: { size: 'sm' } },
    PasswordInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm', allowDeselect: false } },
    NumberInput: { defaultProps: { size: 'sm' } },
    Button: { defaultProps: { size: 'sm' } },
    Table: { defaultProps: { verticalSpacing: 6, horizontalSpacing: 'sm', fz: 'sm' } },
    Modal: { defaultProps: { centered: true, closeButtonProps: { 'aria-label': 'Close dialog' } } },
    NavLink: { defaultProps: { py: 7 } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7]!,
    '--mantine-color-placeholder': t.colors.gray[6]!,
    '--mantine-color-error': t.colors.red[9]!,
    '--mantine-color-body': '#ffffff',
  },
  dark: {},
});
