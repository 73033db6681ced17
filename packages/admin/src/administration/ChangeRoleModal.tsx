import { Role } from '@chorus/shared';
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { messageAboveForm } from '../common/formMessage';
import { runAsync } from '../common/handle';
import { enumValue, LABELS } from '../common/labels';
import { useFormFields } from '../common/useFormFields';
import { ROLE_CHOICES } from './CreateUserForm';
import { OrganisationSelect } from './OrganisationSelect';
import { useChangeUserRole } from './useChangeUserRole';

const FIELDS = ['role', 'organisationId'];

/** The user whose role is being changed, as they are now. */
export interface RoleChange {
  id: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
}

interface ChangeRoleModalProps {
  /** The user to change; the modal is closed while null. */
  user: RoleChange | null;
  onClose: () => void;
  onDone: (message: string) => void;
}

export function ChangeRoleModal({ user, onClose, onDone }: ChangeRoleModalProps) {
  // The user stays named while the modal fades out after closing.
  const [shown, setShown] = useState(user);
  if (user && user !== shown) setShown(user);
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={shown && `Change the role of ${shown.displayName}`}
      closeButtonProps={{ 'aria-label': 'Close without changing' }}
    >
      {/* Keyed by the user, so each opening starts from their current role. */}
      {user && <ChangeRoleForm key={user.id} user={user} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function ChangeRoleForm({ user, onClose, onDone }: { user: RoleChange } & Omit<ChangeRoleModalProps, 'user'>) {
  const [change, { loading, error }] = useChangeUserRole();
  const { values, errors, errorFor, formRef, set, accept } = useFormFields(
    { role: user.role, organisationId: user.organisationId ?? '' },
    error,
  );
  const isPartner = enumValue(Role, values.role) === Role.PARTNER;
  const above = messageAboveForm(errors, FIELDS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = accept({
      organisationId:
        isPartner && !values.organisationId ? 'A partner user belongs to an organisation: choose one' : undefined,
    });
    if (!ok) return;
    const role = values.role;
    try {
      await change({ id: user.id, role, organisationId: isPartner ? values.organisationId : null });
      onDone(`${user.displayName} is now ${LABELS.role[role].toLowerCase()}, in every session they have open.`);
    } catch {
      // shown from `error` below
    }
  };

  return (
    <form ref={formRef} onSubmit={(event) => runAsync(submit(event))} noValidate aria-label="Change role">
      <Stack>
        {above && (
          <Alert color="red" role="alert">
            {above}
          </Alert>
        )}
        <Text size="sm">The new role applies at once, including in sessions they have open.</Text>
        <NativeSelect
          label="Role"
          data={ROLE_CHOICES}
          value={values.role}
          onChange={(e) => set('role', e.currentTarget.value)}
          error={errorFor('role')}
          required
          data-autofocus
        />
        {isPartner && (
          <OrganisationSelect
            value={values.organisationId}
            onChange={(id) => set('organisationId', id)}
            error={errorFor('organisationId')}
            description="A partner sees only their organisation’s sessions and people."
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={loading}>
            Change role
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
