import { Box, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId } from 'react';
import { getFragmentData, graphql, type FragmentType } from '../gql';

export const AreaReachBarFragment = graphql(`
  fragment AreaReachBar on AreaReach {
    participants
    perThousand
    area {
      id
      name
      population
    }
  }
`);

const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/**
 * Participants per 1,000 residents by area, drawn in plain HTML and CSS (a charting library would
 * more than double what signing in downloads): each bar carries its figure, participants and
 * population as text, so nothing needs a tooltip, and the same figures open as a table.
 */
export function ReachChart({ reach }: { reach: FragmentType<typeof AreaReachBarFragment>[] }) {
  const rows = getFragmentData(AreaReachBarFragment, reach);
  const [tableShown, table] = useDisclosure(false);
  const tableId = useId();
  const largest = Math.max(0, ...rows.map((row) => row.perThousand ?? 0));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${tableId}-title`}>
      <Group justify="space-between" align="baseline" mb="sm">
        <Title order={2} size="h4" id={`${tableId}-title`}>
          Reach by area
        </Title>
        {rows.length > 0 && (
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={table.toggle}
            aria-expanded={tableShown}
            aria-controls={tableId}
          >
            {tableShown ? 'Hide the table' : 'Show as a table'}
          </Button>
        )}
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          No areas yet. An admin adds the city&rsquo;s areas with their populations.
        </Text>
      ) : (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            Participants per 1,000 residents
          </Text>
          <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {rows.map((row) => (
              <Box component="li" key={row.area.id} mb={6}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {row.area.name}
                  </Text>
                  <Text size="sm">
                    {row.perThousand === null || row.perThousand === undefined
                      ? `${number.format(row.participants)} participants; population not known`
                      : `${number.format(row.perThousand)} per 1,000 (${number.format(row.participants)} of ${number.format(row.area.population ?? 0)})`}
                  </Text>
                </Group>
                <Box aria-hidden h={10} bg="gray.2" style={{ borderRadius: 4 }}>
                  <Box
                    h="100%"
                    bg="indigo.7"
                    style={{
                      borderRadius: 4,
                      width: `${largest > 0 ? ((row.perThousand ?? 0) / largest) * 100 : 0}%`,
                    }}
                  />
                </Box>
              </Box>
            ))}
          </Box>
        </Stack>
      )}
      {tableShown && (
        <Table id={tableId} mt="md" striped>
          <caption>Participants heard per area, against population</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Area</Table.Th>
              <Table.Th scope="col">Participants</Table.Th>
              <Table.Th scope="col">Population</Table.Th>
              <Table.Th scope="col">Per 1,000 residents</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.area.id}>
                <Table.Th scope="row">{row.area.name}</Table.Th>
                <Table.Td>{number.format(row.participants)}</Table.Td>
                <Table.Td>{row.area.population === null ? 'not known' : number.format(row.area.population)}</Table.Td>
                <Table.Td>{row.perThousand === null ? 'not known' : number.format(row.perThousand)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
