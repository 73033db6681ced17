import { Anchor, Box, Button, Group, Menu, Text, VisuallyHidden } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { CodebookThemeFragment as CodebookTheme } from '../gql/graphql';
import { buildThemeTree, type ThemeNode } from './themeTree';

export const CodebookThemeFragment = graphql(`
  fragment CodebookTheme on Theme {
    id
    name
    description
    parent {
      id
    }
    responseCount @include(if: $withCounts)
  }
`);

export type { CodebookTheme };
export type ThemeAction = 'edit' | 'move' | 'merge' | 'add';

/** A selector for a theme's actions button, so focus can return to it after a change (the menu owns its id). */
export const themeActionsSelector = (themeId: string) => `[data-theme-actions="${themeId}"]`;

interface ThemeTreeProps {
  themes: FragmentType<typeof CodebookThemeFragment>[];
  /** Given only to roles that may change the codebook; without it the tree is read-only. */
  onAction?: (action: ThemeAction, theme: CodebookTheme) => void;
}

/** The codebook as nested lists: each theme with its description, count and actions. */
export function ThemeTree({ themes, onAction }: ThemeTreeProps) {
  const list = getFragmentData(CodebookThemeFragment, themes);
  const roots = useMemo(() => buildThemeTree(list), [list]);
  return (
    <Box component="ul" aria-label="Codebook" p={0} m={0} style={{ listStyle: 'none' }}>
      {roots.map((node) => (
        <ThemeBranch key={node.theme.id} node={node} onAction={onAction} />
      ))}
    </Box>
  );
}

function ThemeBranch({ node, onAction }: { node: ThemeNode<CodebookTheme>; onAction: ThemeTreeProps['onAction'] }) {
  const { theme, children } = node;
  const isTop = node.path.length === 1;
  return (
    <Box component="li" style={isTop ? { borderTop: '1px solid var(--mantine-color-gray-3)' } : undefined}>
      <Group justify="space-between" wrap="nowrap" py="xs" align="flex-start">
        <div>
          <Text component="span" fw={isTop ? 700 : 600}>
            {theme.name}
          </Text>
          {theme.description && (
            <Text size="sm" c="dimmed" maw={640}>
              {theme.description}
            </Text>
          )}
        </div>
        <Group gap="sm" wrap="nowrap">
          {typeof theme.responseCount === 'number' && (
            <Anchor component={Link} to={`/responses?theme=${theme.id}`} size="sm" style={{ whiteSpace: 'nowrap' }}>
              {theme.responseCount} {theme.responseCount === 1 ? 'response' : 'responses'}
              <VisuallyHidden> coded to {theme.name}</VisuallyHidden>
            </Anchor>
          )}
          {onAction && <ThemeActions theme={theme} onAction={onAction} />}
        </Group>
      </Group>
      {children.length > 0 && (
        <Box
          component="ul"
          m={0}
          mb="xs"
          pl="lg"
          ml="xs"
          style={{ listStyle: 'none', borderLeft: '2px solid var(--mantine-color-gray-3)' }}
        >
          {children.map((child) => (
            <ThemeBranch key={child.theme.id} node={child} onAction={onAction} />
          ))}
        </Box>
      )}
    </Box>
  );
}

function ThemeActions({
  theme,
  onAction,
}: {
  theme: CodebookTheme;
  onAction: (action: ThemeAction, theme: CodebookTheme) => void;
}) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button data-theme-actions={theme.id} variant="default" size="xs" aria-label={`Actions for ${theme.name}`}>
          Actions
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => onAction('edit', theme)}>Rename or describe</Menu.Item>
        <Menu.Item onClick={() => onAction('move', theme)}>Move</Menu.Item>
        <Menu.Item onClick={() => onAction('add', theme)}>Add a theme under it</Menu.Item>
        <Menu.Divider />
        <Menu.Item onClick={() => onAction('merge', theme)}>Merge into…</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
