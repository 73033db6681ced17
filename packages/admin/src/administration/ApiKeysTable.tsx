import { Button, Code, Table, VisuallyHidden } from '@mantine/core';
import { formatDate, formatDateTime, LABELS } from '../common/labels';
import { getFragmentData, graphql, type FragmentType } from '../gql';

export const ApiKeyRowFragment = graphql(`
  fragment ApiKeyRow on ApiKey {
    id
    label
    role
    prefix
    createdAt
    lastUsedAt
    revokedAt
    organisation {
      id
      name
    }
  }
`);

interface ApiKeysTableProps {
  apiKeys: FragmentType<typeof ApiKeyRowFragment>[];
  onRevoke: (key: { id: string; label: string }) => void;
}

export function ApiKeysTable({ apiKeys, onRevoke }: ApiKeysTableProps) {
  const rows = getFragmentData(ApiKeyRowFragment, apiKeys);
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped>
        <Table.Caption>API keys, newest first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Label</Table.Th>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Organisation</Table.Th>
            <Table.Th scope="col">Starts with</Table.Th>
            <Table.Th scope="col">Created</Table.Th>
            <Table.Th scope="col">Last used</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((key) => (
            <Table.Tr key={key.id}>
              <Table.Th scope="row" fw={500}>
                {key.label}
              </Table.Th>
              <Table.Td>{LABELS.role[key.role]}</Table.Td>
              <Table.Td>{key.organisation?.name ?? '—'}</Table.Td>
              <Table.Td>
                <Code>{key.prefix}…</Code>
              </Table.Td>
              <Table.Td>{formatDate(key.createdAt)}</Table.Td>
              <Table.Td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</Table.Td>
              <Table.Td fw={key.revokedAt ? 600 : undefined}>
                {key.revokedAt ? `Revoked ${formatDateTime(key.revokedAt)}` : 'Active'}
              </Table.Td>
              <Table.Td>
                {!key.revokedAt && (
                  <Button
                    size="xs"
                    variant="outline"
                    // The darkest red: outline text on a striped row needs it for AA contrast.
                    color="red.9"
                    onClick={() => onRevoke(key)}
                    aria-label={`Revoke: ${key.label}`}
                  >
                    Revoke
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
