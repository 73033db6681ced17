import { LIMITS, Role } from '@chorus/shared';
import { enumValue } from '../common/labels';
import { Alert, Button, Group, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { messageAboveForm } from '../common/formMessage';
import { useFormFields } from '../common/useFormFields';
import { OrganisationSelect } from './OrganisationSelect';
import { useCreateApiKey } from './useCreateApiKey';
import { runAsync } from '../common/handle';

export interface NewApiKey {
  label: string;
  key: string;
}

const EMPTY = { label: '', role: '', organisationId: '' };
const FIELDS = Object.keys(EMPTY);

export function CreateApiKeyForm({ onCreated }: { onCreated: (created: NewApiKey) => void }) {
  const [create, { loading, error }] = useCreateApiKey();
  const { values, errors, errorFor, formRef, set, accept, reset } = useFormFields(EMPTY, error);
  const { role, organisationId } = values;
  const isPartner = enumValue(Role, role) === Role.PARTNER;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const label = values.label.trim();
    const ok = accept({
      label: !label
        ? 'Say what the key is for, e.g. “Data warehouse nightly pull”'
        : label.length > LIMITS.nameLength
          ? `Use at most ${LIMITS.nameLength} characters`
          : undefined,
      role: role ? undefined : 'Choose who will use the key',
      organisationId:
        isPartner && !organisationId ? 'A partner key reaches one organisation’s rows: choose it' : undefined,
    });
    if (!ok) return;
    try {
      const created = await create({
        label,
        role: role as Role,
        organisationId: isPartner ? organisationId : null,
      });
      if (!created) return;
      reset();
      onCreated({ label: created.apiKey.label, key: created.key });
    } catch {
      // shown from `error` below
    }
  };

  const above = messageAboveForm(errors, FIELDS);

  return (
    <form ref={formRef} onSubmit={(event) => runAsync(submit(event))} noValidate aria-label="Create an API key">
      <Stack>
        {above && (
          <Alert color="red" role="alert">
            {above}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Label"
            description="What the key is for, so it can be told apart and revoked later"
            value={values.label}
            onChange={(e) => set('label', e.currentTarget.value)}
            error={errorFor('label')}
            maxLength={LIMITS.nameLength}
            required
          />
          <Radio.Group
            label="Used by"
            value={role}
            onChange={(value) => set('role', value)}
            error={errorFor('role')}
            required
          >
            <Stack gap="xs" mt="xs">
              <Radio
                value={Role.PARTNER}
                label="A partner organisation"
                description="Submits and reads its own sessions, people and responses"
              />
              <Radio
                value={Role.COUNCIL_READER}
                label="A council system"
                description="Reads suppressed theme figures only, never a person"
              />
            </Stack>
          </Radio.Group>
          {isPartner && (
            <OrganisationSelect
              value={organisationId}
              onChange={(id) => set('organisationId', id)}
              error={errorFor('organisationId')}
              description="The key reaches this organisation’s rows and no others"
            />
          )}
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={loading}>
            Create key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
