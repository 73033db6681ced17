import { Table, Text } from '@mantine/core';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { SuppressibleCount } from './SuppressibleCount';

export const ThemeSummaryTableFragment = graphql(`
  fragment ThemeSummaryTable on ThemeSummary {
    threshold
    themes {
      responses
      participants
      suppressed
      theme {
        id
        name
        parent {
          id
          name
        }
      }
    }
  }
`);

/** Each theme's figures; a theme is suppressed whole when either of its counts is below the threshold. */
export function ThemeSummaryTable({ summary }: { summary: FragmentType<typeof ThemeSummaryTableFragment> }) {
  const { threshold, themes } = getFragmentData(ThemeSummaryTableFragment, summary);
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped>
        <Table.Caption>
          Responses coded to each theme itself (not its sub-themes), and the distinct people who gave them. “Suppressed”
          means the theme’s figures fall below {threshold} and are withheld so no one can be singled out.
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Theme</Table.Th>
            <Table.Th scope="col" ta="right">
              Responses
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Participants
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {themes.map((row) => (
            <Table.Tr key={row.theme.id} data-suppressed={row.suppressed || undefined}>
              <Table.Th scope="row" fw={500}>
                {row.theme.name}
                {row.theme.parent && (
                  <Text span size="xs" c="dimmed" display="block">
                    under {row.theme.parent.name}
                  </Text>
                )}
              </Table.Th>
              <Table.Td ta="right">
                <SuppressibleCount value={row.responses} threshold={threshold} />
              </Table.Td>
              <Table.Td ta="right">
                <SuppressibleCount value={row.participants} threshold={threshold} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
