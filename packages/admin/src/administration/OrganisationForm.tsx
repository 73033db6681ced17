import { LIMITS, Sector } from '@chorus/shared';
import { Alert, Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { messageAboveForm } from '../common/formMessage';
import { enumValue, options } from '../common/labels';
import { SuccessNotice } from '../common/SuccessNotice';
import { useFormFields } from '../common/useFormFields';
import { runAsync } from '../common/handle';
import { getFragmentData, type FragmentType } from '../gql';
import { OrganisationRowFragment } from './OrganisationsTable';
import { useSaveOrganisation } from './useSaveOrganisation';

const FIELDS = ['name', 'sector'];

/** Adds an organisation, or edits `organisation` when given; `onSaved` hears of the save. */
export function OrganisationForm({
  organisation: organisationRef,
  onSaved,
}: {
  organisation?: FragmentType<typeof OrganisationRowFragment>;
  onSaved?: () => void;
}) {
  const organisation = organisationRef ? getFragmentData(OrganisationRowFragment, organisationRef) : undefined;
  const [save, { loading, error }] = useSaveOrganisation(organisation?.id ?? null);
  const { values, errors, errorFor, formRef, set, accept, reset } = useFormFields(
    { name: organisation?.name ?? '', sector: organisation?.sector ?? '' },
    error,
  );
  const [added, setAdded] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = values.name.trim();
    const ok = accept({
      name: !name
        ? 'Enter the organisation’s name'
        : name.length > LIMITS.nameLength
          ? `Use at most ${LIMITS.nameLength} characters`
          : undefined,
      sector: values.sector ? undefined : 'Choose the sector it works in',
    });
    if (!ok) return;
    try {
      const result = await save({ name, sector: enumValue(Sector, values.sector) ?? Sector.OTHER });
      if (!result) return;
      if (!organisation) reset();
      setAdded(
        organisation
          ? `${result.name} saved.`
          : `${result.name} added. It can now be given users, API keys and sessions.`,
      );
      onSaved?.();
    } catch {
      // shown from `error` below
    }
  };
  const above = messageAboveForm(errors, FIELDS);

  return (
    <form
      ref={formRef}
      onSubmit={(event) => runAsync(submit(event))}
      noValidate
      aria-label={organisation ? `Edit ${organisation.name}` : 'Add an organisation'}
    >
      <Stack>
        {added && <SuccessNotice message={added} />}
        {above && (
          <Alert color="red" role="alert">
            {above}
          </Alert>
        )}
        <Group align="flex-start" grow>
          <TextInput
            label="Name"
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errorFor('name')}
            maxLength={LIMITS.nameLength}
            required
          />
          <NativeSelect
            label="Sector"
            data={organisation ? options('sector') : [{ value: '', label: 'Choose a sector' }, ...options('sector')]}
            value={values.sector}
            onChange={(e) => set('sector', e.currentTarget.value)}
            error={errorFor('sector')}
            required
          />
        </Group>
        <Group>
          <Button type="submit" loading={loading}>
            {organisation ? 'Save changes' : 'Add organisation'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
