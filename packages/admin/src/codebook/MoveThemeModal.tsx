import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { formErrors } from '../common/errors';
import { messageAboveForm } from '../common/formMessage';
import { placeOptions, TOP_LEVEL, type FlatTheme } from './themeTree';
import { useUpdateTheme } from './useUpdateTheme';
import { runAsync } from '../common/handle';

interface MoveThemeModalProps {
  theme: FlatTheme;
  /** The whole codebook, to choose the new place from. */
  themes: readonly FlatTheme[];
  onClose: () => void;
  onMoved: (message: string) => void;
}

/** Moves a theme, with everything under it, to another place in the tree. */
export function MoveThemeModal({ theme, themes, onClose, onMoved }: MoveThemeModalProps) {
  const current = theme.parent?.id ?? TOP_LEVEL;
  const [place, setPlace] = useState(current);
  const [unchanged, setUnchanged] = useState(false);
  const [updateTheme, { loading, error }] = useUpdateTheme();
  const errors = formErrors(error);
  const above = messageAboveForm(errors, ['parentId']);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setUnchanged(place === current);
    if (place === current) return;
    const parentId = place === TOP_LEVEL ? null : place;
    try {
      await updateTheme({ variables: { id: theme.id, input: { parentId } } });
      const parentName = themes.find((t) => t.id === parentId)?.name;
      onMoved(`“${theme.name}” moved ${parentName ? `under “${parentName}”` : 'to the top level'}.`);
    } catch {
      // shown beside the field, or above the form
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={`Move “${theme.name}”`}
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
          <Text size="sm">Themes under it move with it. Its codings stay as they are.</Text>
          <Select
            label="New place"
            data={placeOptions(themes, theme.id)}
            value={place}
            onChange={(value) => {
              setPlace(value ?? TOP_LEVEL);
              setUnchanged(false);
            }}
            error={unchanged ? 'It is already there: choose another place' : errors.fields.parentId}
            searchable
            allowDeselect={false}
            nothingFoundMessage="No theme has that name"
            openOnFocus={false}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={loading}>
              Move
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
