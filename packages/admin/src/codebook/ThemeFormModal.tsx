import { LIMITS } from '@chorus/shared';
import { Alert, Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { formErrors } from '../common/errors';
import { messageAboveForm } from '../common/formMessage';
import { placeOptions, themeOptions, TOP_LEVEL, type FlatTheme } from './themeTree';
import { useCreateTheme } from './useCreateTheme';
import { useUpdateTheme } from './useUpdateTheme';
import { runAsync } from '../common/handle';
import { TYPE_TO_CHOOSE } from '../common/typeToChoose';

export interface ThemeFormValues {
  name: string;
  description: string;
}

/** What is wrong with a theme's name and description before the server is asked. */
export function themeFormProblems({ name, description }: ThemeFormValues): Partial<ThemeFormValues> {
  const trimmedName = name.trim();
  return {
    ...(!trimmedName ? { name: 'Enter a name for the theme' } : {}),
    ...(trimmedName.length > LIMITS.nameLength
      ? { name: `Keep the name to ${LIMITS.nameLength} characters or fewer (it has ${trimmedName.length})` }
      : {}),
    ...(description.trim().length > LIMITS.textLength
      ? { description: `Keep the description to ${LIMITS.textLength.toLocaleString('en-GB')} characters or fewer` }
      : {}),
  };
}

/**
 * Where else in the codebook a theme named `name` already sits (its paths), leaving out `selfId`.
 * The server refuses a clash among siblings; elsewhere it is allowed, but asked about first.
 */
export function sameNamedThemes(themes: readonly FlatTheme[], name: string, selfId?: string): string[] {
  const wanted = name.trim().toLocaleLowerCase('en-GB');
  const ids = new Set(
    themes.filter((t) => t.id !== selfId && t.name.trim().toLocaleLowerCase('en-GB') === wanted).map((t) => t.id),
  );
  return themeOptions(themes)
    .filter((option) => ids.has(option.value))
    .map((option) => option.label);
}

interface ThemeFormModalProps {
  /** The theme to rename or describe; left out to add a new one. */
  theme?: { id: string; name: string; description?: string | null };
  /** Where a new theme goes unless the coder chooses otherwise; null for the top level. */
  parentId?: string | null;
  /** The whole codebook, to choose a new theme's place from. */
  themes: readonly FlatTheme[];
  onClose: () => void;
  onSaved: (theme: { id: string; name: string }, message: string) => void;
}

/** Adds a theme, or renames and describes one. */
export function ThemeFormModal({ theme, parentId = null, themes, onClose, onSaved }: ThemeFormModalProps) {
  const [name, setName] = useState(theme?.name ?? '');
  const [description, setDescription] = useState(theme?.description ?? '');
  const [place, setPlace] = useState(parentId ?? TOP_LEVEL);
  const [problems, setProblems] = useState<Partial<ThemeFormValues>>({});
  // The paths of same-named themes the coder was warned about; saving again confirms.
  const [warned, setWarned] = useState<string[] | null>(null);
  const [createTheme, creating] = useCreateTheme();
  const [updateTheme, updating] = useUpdateTheme();
  const errors = formErrors(creating.error ?? updating.error);
  const above = messageAboveForm(errors, theme ? ['name', 'description'] : ['name', 'description', 'parentId']);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = themeFormProblems({ name, description });
    setProblems(found);
    if (Object.keys(found).length) return;
    const namesakes = name.trim() === theme?.name ? [] : sameNamedThemes(themes, name, theme?.id);
    if (namesakes.length && !warned) {
      setWarned(namesakes);
      return;
    }
    try {
      if (theme) {
        const { data } = await updateTheme({
          variables: { id: theme.id, input: { name: name.trim(), description: description.trim() || null } },
        });
        if (data) onSaved(data.updateTheme, `“${data.updateTheme.name}” saved.`);
      } else {
        const parent = place === TOP_LEVEL ? null : place;
        const { data } = await createTheme({
          variables: { input: { name: name.trim(), description: description.trim() || null, parentId: parent } },
        });
        const parentName = placeOptions(themes).find((option) => option.value === parent)?.label;
        if (data) {
          const where = parentName ? ` under “${parentName}”` : ' at the top level';
          onSaved(data.createTheme, `“${data.createTheme.name}” added${where}.`);
        }
      }
    } catch {
      // shown beside the fields, or above the form
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={theme ? `Rename or describe “${theme.name}”` : 'Add a theme'}
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
          <TextInput
            label="Name"
            description="Short, and unique among the themes beside it."
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setWarned(null);
              setProblems(({ name: _fixed, ...rest }) => rest);
            }}
            error={problems.name ?? errors.fields.name}
            required
            data-autofocus
          />
          <Textarea
            label="Description"
            description="What belongs under this theme, for coders. Optional."
            value={description}
            onChange={(e) => {
              setDescription(e.currentTarget.value);
              setProblems(({ description: _fixed, ...rest }) => rest);
            }}
            error={problems.description ?? errors.fields.description}
            autosize
            minRows={3}
            maxRows={10}
          />
          {!theme && (
            <Select
              label="Place in the codebook"
              data={placeOptions(themes)}
              value={place}
              onChange={(value) => setPlace(value ?? TOP_LEVEL)}
              error={errors.fields.parentId}
              {...TYPE_TO_CHOOSE}
              allowDeselect={false}
              nothingFoundMessage="No theme has that name"
            />
          )}
          {warned && (
            <Alert color="yellow" role="alert" title="This name is already in the codebook">
              {`A theme with this name already sits at ${warned.map((path) => `“${path}”`).join(', ')}. Coders will tell them apart only by their place. ${theme ? 'Save' : 'Add'} it anyway, or choose another name.`}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={creating.loading || updating.loading}>
              {warned ? (theme ? 'Save anyway' : 'Add anyway') : theme ? 'Save' : 'Add theme'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
