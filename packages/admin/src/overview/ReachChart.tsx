import { BarChart } from '@mantine/charts';
import { Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
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

/** Participants per 1,000 residents by area, with the figures as a table for screen readers. */
export function ReachChart({ reach }: { reach: FragmentType<typeof AreaReachBarFragment>[] }) {
  const rows = getFragmentData(AreaReachBarFragment, reach);
  const data = rows.map((row) => ({ area: row.area.name, 'Per 1,000 residents': row.perThousand ?? 0 }));
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        Reach by area
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          No areas yet. An admin adds the city&rsquo;s areas with their populations.
        </Text>
      ) : (
        <>
          {/* inert: the figures reach assistive technology through the table below, once. */}
          <div inert>
            <BarChart
              h={240}
              data={data}
              dataKey="area"
              series={[{ name: 'Per 1,000 residents', color: 'indigo.7' }]}
            />
          </div>
          <VisuallyHidden>
            <Table>
              <caption>Participants heard per area, against population</caption>
              <thead>
                <tr>
                  <th>Area</th>
                  <th>Participants</th>
                  <th>Population</th>
                  <th>Per 1,000 residents</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.area.id}>
                    <td>{row.area.name}</td>
                    <td>{row.participants}</td>
                    <td>{row.area.population ?? 'unknown'}</td>
                    <td>{row.perThousand ?? 'unknown'}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </VisuallyHidden>
        </>
      )}
    </Paper>
  );
}
