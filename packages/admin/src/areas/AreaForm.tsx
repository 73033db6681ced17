import { AreaKind, LIMITS } from '@chorus/shared';
import { Alert, Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { messageAboveForm } from '../common/formMessage';
import { runAsync } from '../common/handle';
import { enumValue, options } from '../common/labels';
import { SuccessNotice } from '../common/SuccessNotice';
import { useFormFields } from '../common/useFormFields';
import { getFragmentData, type FragmentType } from '../gql';
import { AreaFieldsFragment } from './areas.graphql';
import { useSaveArea } from './useSaveArea';

const FIELDS = ['name', 'code', 'kind', 'population'];
/** An ONS GSS code: a country letter and eight digits; a ward's is E05 and six digits. */
const GSS_CODE = /^[ENSWK][0-9]{8}$/;
const WARD_CODE = /^E05[0-9]{6}$/;

function codeProblem(code: string, kind: string): string | undefined {
  if (!code) return undefined;
  if (enumValue(AreaKind, kind) === AreaKind.WARD && !WARD_CODE.test(code))
    return 'A ward’s ONS code is E05 and six digits, such as E05008734';
  return GSS_CODE.test(code) ? undefined : 'Use an ONS code: a letter and eight digits, such as E05008734';
}

/** Adds an area, or edits `area` when given; `onSaved` hears of the saved area. */
export function AreaForm({
  area: areaRef,
  onSaved,
}: {
  area?: FragmentType<typeof AreaFieldsFragment>;
  onSaved?: () => void;
}) {
  const area = areaRef ? getFragmentData(AreaFieldsFragment, areaRef) : undefined;
  const [save, { loading, error }] = useSaveArea(area?.id ?? null);
  const initial = {
    name: area?.name ?? '',
    code: area?.code ?? '',
    kind: area?.kind ?? AreaKind.WARD,
    population: area?.population?.toString() ?? '',
  };
  const { values, errors, errorFor, formRef, set, accept, reset } = useFormFields(initial, error);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = values.name.trim();
    const code = values.code.trim().toUpperCase();
    const population = values.population.trim();
    const ok = accept({
      name: !name
        ? 'Enter the area’s name'
        : name.length > LIMITS.nameLength
          ? `Use at most ${LIMITS.nameLength} characters`
          : undefined,
      code: codeProblem(code, values.kind),
      population: population && !/^\d{1,8}$/.test(population) ? 'Enter a whole number of people' : undefined,
    });
    if (!ok) return;
    try {
      const result = await save({
        name,
        code: code || null,
        kind: enumValue(AreaKind, values.kind) ?? AreaKind.OTHER,
        population: population ? Number(population) : null,
      });
      if (!result) return;
      if (!area) reset();
      setSaved(area ? `${result.name} saved.` : `${result.name} added.`);
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
      aria-label={area ? `Edit ${area.name}` : 'Add an area'}
    >
      <Stack>
        {saved && <SuccessNotice message={saved} />}
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
            label="Kind"
            data={options('areaKind')}
            value={values.kind}
            onChange={(e) => set('kind', e.currentTarget.value)}
            error={errorFor('kind')}
          />
        </Group>
        <Group align="flex-start" grow>
          <TextInput
            label="ONS code"
            description="The GSS code a data warehouse joins on; a ward’s is E05 and six digits, e.g. E05008734"
            value={values.code}
            onChange={(e) => set('code', e.currentTarget.value)}
            error={errorFor('code')}
            maxLength={9}
          />
          <TextInput
            label="Census population"
            description="Usual residents, for reach"
            inputMode="numeric"
            value={values.population}
            onChange={(e) => set('population', e.currentTarget.value)}
            error={errorFor('population')}
          />
        </Group>
        <Group>
          <Button type="submit" loading={loading}>
            {area ? 'Save changes' : 'Add area'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
