import { Permission } from '@chorus/shared';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Paper, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useSession } from '../auth/useSession';
import { PageTitle } from '../common/PageTitle';
import { SuggestionModelPanel } from '../suggestions/SuggestionModelPanel';
import { ThemeCandidatesPanel } from '../suggestions/ThemeCandidatesPanel';
import { QueryState } from '../common/QueryState';
import { getFragmentData } from '../gql';
import { CodebookQuery } from './codebook.graphql';
import { MergeThemeModal } from './MergeThemeModal';
import { MoveThemeModal } from './MoveThemeModal';
import { ThemeFormModal } from './ThemeFormModal';
import {
  CodebookThemeFragment,
  themeActionsSelector,
  ThemeTree,
  type CodebookTheme,
  type ThemeAction,
} from './ThemeTree';

const ADD_THEME_ID = 'add-theme';
const ADD_THEME = `#${ADD_THEME_ID}`;

type Dialog = { kind: 'create'; parentId: string | null } | { kind: 'edit' | 'move' | 'merge'; theme: CodebookTheme };

export default function CodebookPage() {
  const { can } = useSession();
  const mayEdit = can(Permission.CodebookEdit);
  const { data, loading, error, refetch } = useQuery(CodebookQuery, { variables: { withCounts: mayEdit } });
  const themes = getFragmentData(CodebookThemeFragment, data?.themes ?? []);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // What to focus once the tree has re-rendered (a selector): the changed theme's actions, or where the coder started.
  // A ref, not state: setting it must not render again by itself.
  const focusTarget = useRef<string | null>(null);

  useEffect(() => {
    const element = focusTarget.current ? document.querySelector<HTMLElement>(focusTarget.current) : null;
    if (element) {
      element.focus();
      focusTarget.current = null;
    }
  });

  const open = (action: ThemeAction, theme: CodebookTheme) =>
    setDialog(action === 'add' ? { kind: 'create', parentId: theme.id } : { kind: action, theme });
  const close = (focusSelector: string) => {
    setDialog(null);
    focusTarget.current = focusSelector;
  };
  const done = (message: string, focusSelector: string) => {
    setNotice(message);
    close(focusSelector);
  };
  // Cancelling returns focus to what opened the dialog.
  const opener = dialog?.kind === 'create' ? (dialog.parentId ?? undefined) : dialog?.theme.id;
  const cancel = () => close(opener ? themeActionsSelector(opener) : ADD_THEME);

  return (
    <>
      <PageTitle title="Codebook">Codebook</PageTitle>
      <Group justify="space-between" align="flex-start" mb="md">
        <Text size="sm" maw={640}>
          {mayEdit
            ? 'The themes responses are coded to. Each count is the responses coded to that theme itself, not to the themes under it.'
            : 'The themes analysts code responses to.'}
        </Text>
        {mayEdit && (
          <Button id={ADD_THEME_ID} onClick={() => setDialog({ kind: 'create', parentId: null })}>
            Add theme
          </Button>
        )}
      </Group>
      {notice && (
        <Alert
          color="green"
          role="status"
          mb="md"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      )}
      <QueryState
        loading={loading && !data}
        error={error}
        onRetry={() => refetch()}
        empty={themes.length === 0}
        emptyTitle="The codebook is empty"
        emptyText={
          mayEdit ? 'Add the first theme to start coding responses.' : 'Analysts have not added any themes yet.'
        }
      >
        <Paper withBorder px="md" pb="xs">
          <ThemeTree themes={data?.themes ?? []} onAction={mayEdit ? open : undefined} />
        </Paper>
      </QueryState>

      {can(Permission.SuggestionRead) && <SuggestionModelPanel mayTrain={can(Permission.SuggestionTrain)} />}
      {can(Permission.SuggestionRead) && (
        <ThemeCandidatesPanel
          mayFind={can(Permission.SuggestionTrain) && mayEdit}
          mayCode={can(Permission.CodingEdit)}
        />
      )}

      {dialog?.kind === 'create' && (
        <ThemeFormModal
          parentId={dialog.parentId}
          themes={themes}
          onClose={cancel}
          onSaved={(theme, message) => done(message, themeActionsSelector(theme.id))}
        />
      )}
      {dialog?.kind === 'edit' && (
        <ThemeFormModal
          theme={dialog.theme}
          themes={themes}
          onClose={cancel}
          onSaved={(theme, message) => done(message, themeActionsSelector(theme.id))}
        />
      )}
      {dialog?.kind === 'move' && (
        <MoveThemeModal
          theme={dialog.theme}
          themes={themes}
          onClose={cancel}
          onMoved={(message) => done(message, themeActionsSelector(dialog.theme.id))}
        />
      )}
      {dialog?.kind === 'merge' && (
        <MergeThemeModal
          theme={dialog.theme}
          themes={themes}
          onClose={cancel}
          onMerged={(target, message) => done(message, themeActionsSelector(target.id))}
        />
      )}
    </>
  );
}
