import { useQuery } from '@apollo/client/react';
import { SpecialCategory } from '@chorus/shared';
import { Badge, Group, NativeSelect, Paper, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { SuppressibleCount } from '../aggregates/SuppressibleCount';
import { enumValue, LABELS, options } from '../common/labels';
import { QueryState } from '../common/QueryState';
import { graphql } from '../gql';

export const SpecialCategoryReachQuery = graphql(`
  query SpecialCategoryReach($by: SpecialCategory!) {
    specialCategoryReach(by: $by) {
      threshold
      rows {
        key
        label
        value
        suppressed
        population
        perThousand
        underHeard
      }
    }
  }
`);

const count = new Intl.NumberFormat('en-GB');

/**
 * Who has been heard by ethnic group, religion or disability, city-wide, against each group's
 * census population: released figures only, as the server gives them (demographics.aggregate_read).
 */
export function SpecialCategoryReach() {
  const [by, setBy] = useState(SpecialCategory.ETHNIC_GROUP);
  const { data, loading, error, refetch } = useQuery(SpecialCategoryReachQuery, { variables: { by } });
  const reach = data?.specialCategoryReach;
  const label = LABELS.specialCategory[by].toLowerCase();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="special-reach-heading">
      <Group justify="space-between" align="flex-end" mb="sm">
        <Title order={2} size="h4" id="special-reach-heading">
          Reach by ethnic group, religion and disability
        </Title>
        <NativeSelect
          label="By"
          data={options('specialCategory')}
          value={by}
          onChange={(e) => setBy(enumValue(SpecialCategory, e.currentTarget.value) ?? by)}
        />
      </Group>
      <QueryState loading={loading && !reach} error={error} onRetry={() => refetch()}>
        {reach && (
          <>
            <Table striped>
              <Table.Caption>People heard by {label}, against census population</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Group</Table.Th>
                  <Table.Th scope="col" ta="right">
                    People heard
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Census population
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Per 1,000 residents
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {reach.rows.map((row) => (
                  <Table.Tr key={row.key ?? 'not-stated'}>
                    <Table.Th scope="row" fw={400}>
                      {row.label}{' '}
                      {row.underHeard && (
                        <Badge color="orange" variant="dot" tt="none">
                          Under-heard
                        </Badge>
                      )}
                    </Table.Th>
                    <Table.Td ta="right">
                      <SuppressibleCount value={row.value} threshold={reach.threshold} />
                    </Table.Td>
                    <Table.Td ta="right">{row.population === null ? '—' : count.format(row.population)}</Table.Td>
                    <Table.Td ta="right">{row.perThousand === null ? '—' : row.perThousand.toFixed(1)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="sm" c="dimmed" mt="xs">
              A group’s census population shows once an admin has recorded it for every area (Census figures).
              Under-heard: heard at under half the overall rate per 1,000.
            </Text>
          </>
        )}
      </QueryState>
    </Paper>
  );
}
