import { Alert, Button, Group, List, Modal, Select, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { formErrors } from '../common/errors';
import { messageAboveForm } from '../common/formMessage';
import { themeOptions, type FlatTheme } from './themeTree';
import { useMergeThemes } from './useMergeThemes';
import { runAsync } from '../common/handle';

interface MergeThemeModalProps {
  theme: FlatTheme & { responseCount?: number };
  /** The whole codebook, to choose the target from. */
  themes: readonly FlatTheme[];
  onClose: () => void;
  onMerged: (target: { id: string; name: string }, message: string) => void;
}

/** Folds a theme into another, after saying plainly what moves and what goes. */
export function MergeThemeModal({ theme, themes, onClose, onMerged }: MergeThemeModalProps) {
  const [targetId, setTargetId] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [mergeThemes, { loading, error }] = useMergeThemes();
  const errors = formErrors(error);
  const above = messageAboveForm(errors, ['targetId']);
  const subThemes = themes.filter((t) => t.parent?.id === theme.id).length;
  const targetName = themes.find((t) => t.id === targetId)?.name;
  const target = targetName ? `“${targetName}”` : 'the theme you choose';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(!targetId);
    if (!targetId) return;
    try {
      const { data } = await mergeThemes({ variables: { sourceId: theme.id, targetId } });
      if (data) onMerged(data.mergeThemes, `“${theme.name}” merged into “${data.mergeThemes.name}”.`);
    } catch {
      // shown beside the field, or above the form
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={`Merge “${theme.name}” into another theme`}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={(event) => runAsync(submit(event))} noValidate>
        <Stack>
          {above && (
            <Alert color="red" role="alert">
              {above}
            </Alert>
          )}
          <Select
            label="Merge into"
            placeholder="Choose a theme"
            data={themeOptions(themes).filter((option) => option.value !== theme.id)}
            value={targetId}
            onChange={(value) => {
              setTargetId(value);
              setMissing(false);
            }}
            error={missing ? 'Choose the theme to merge into' : errors.fields.targetId}
            searchable
            required
            nothingFoundMessage="No theme has that name"
            openOnFocus={false}
            data-autofocus
          />
          <div>
            <Text size="sm">When you merge:</Text>
            <List size="sm" spacing={4} mt={4}>
              <List.Item>
                {typeof theme.responseCount === 'number'
                  ? `its codings (${theme.responseCount} ${theme.responseCount === 1 ? 'response' : 'responses'})`
                  : 'its codings'}{' '}
                move to {target}; a response already coded there is not coded twice;
              </List.Item>
              <List.Item>
                {subThemes === 0
                  ? 'it has no themes under it;'
                  : `the ${subThemes === 1 ? 'theme' : `${subThemes} themes`} under it move under ${target};`}
              </List.Item>
              <List.Item>“{theme.name}” is deleted. This cannot be undone.</List.Item>
            </List>
          </div>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={loading}>
              Merge and delete “{theme.name}”
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
