import { LIMITS, Role } from '@chorus/shared';
import { Alert, Button, Group, NativeSelect, PasswordInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { messageAboveForm } from '../common/formMessage';
import { enumValue, LABELS, options } from '../common/labels';
import { SuccessNotice } from '../common/SuccessNotice';
import { useFormFields } from '../common/useFormFields';
import { OrganisationSelect } from './OrganisationSelect';
import { useCreateUser } from './useCreateUser';
import { runAsync } from '../common/handle';

// Council systems read aggregates through API keys; they never sign in.
export const ROLE_CHOICES = options('role').filter((choice) => enumValue(Role, choice.value) !== Role.COUNCIL_READER);

const EMPTY = { email: '', displayName: '', role: '', organisationId: '', password: '' };
type Values = typeof EMPTY;
const FIELDS = Object.keys(EMPTY);

function check(values: Values): Partial<Record<keyof Values, string>> {
  const email = values.email.trim();
  const displayName = values.displayName.trim();
  const problems: Partial<Record<keyof Values, string>> = {};
  if (!email) problems.email = 'Enter their email address';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.email = 'Enter an email address like name@example.org';
  if (!displayName) problems.displayName = 'Enter the name to show for them';
  else if (displayName.length > LIMITS.nameLength) problems.displayName = `Use at most ${LIMITS.nameLength} characters`;
  if (!values.role) problems.role = 'Choose a role';
  if (enumValue(Role, values.role) === Role.PARTNER && !values.organisationId)
    problems.organisationId = 'A partner user belongs to an organisation: choose one';
  if (values.password.length < LIMITS.passwordLength)
    problems.password = `Use at least ${LIMITS.passwordLength} characters`;
  return problems;
}

export function CreateUserForm() {
  const [create, { loading, error }] = useCreateUser();
  const { values, errors, errorFor, formRef, set, accept, reset } = useFormFields(EMPTY, error);
  const [created, setCreated] = useState<string | null>(null);
  const isPartner = enumValue(Role, values.role) === Role.PARTNER;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!accept(check(values))) return;
    try {
      const user = await create({
        email: values.email.trim(),
        displayName: values.displayName.trim(),
        role: values.role as Role,
        password: values.password,
        organisationId: isPartner ? values.organisationId : null,
      });
      if (!user) return;
      reset();
      setCreated(
        `${user.displayName} can now sign in as ${LABELS.role[user.role].toLowerCase()} with ${user.email} and the password you set.`,
      );
    } catch {
      // shown from `error` below
    }
  };
  const above = messageAboveForm(errors, FIELDS);

  return (
    <form ref={formRef} onSubmit={(event) => runAsync(submit(event))} noValidate aria-label="Add a user">
      <Stack>
        {created && <SuccessNotice message={created} />}
        {above && (
          <Alert color="red" role="alert">
            {above}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Email"
            type="email"
            autoComplete="off"
            value={values.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={errorFor('email')}
            required
          />
          <TextInput
            label="Display name"
            value={values.displayName}
            onChange={(e) => set('displayName', e.currentTarget.value)}
            error={errorFor('displayName')}
            maxLength={LIMITS.nameLength}
            required
          />
          <NativeSelect
            label="Role"
            description="Council systems use API keys instead of signing in"
            data={[{ value: '', label: 'Choose a role' }, ...ROLE_CHOICES]}
            value={values.role}
            onChange={(e) => set('role', e.currentTarget.value)}
            error={errorFor('role')}
            required
          />
          {isPartner && (
            <OrganisationSelect
              value={values.organisationId}
              onChange={(id) => set('organisationId', id)}
              error={errorFor('organisationId')}
              description="A partner sees only their organisation’s sessions and people."
            />
          )}
          <PasswordInput
            label="Password"
            description={`At least ${LIMITS.passwordLength} characters; they can change it after signing in`}
            autoComplete="new-password"
            value={values.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            error={errorFor('password')}
            required
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={loading}>
            Add user
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
