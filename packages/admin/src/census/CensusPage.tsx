import { useQuery } from '@apollo/client/react';
import { CENSUS_GROUPS, SpecialCategory } from '@chorus/shared';
import { Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { AreaFieldsFragment, AreasListQuery } from '../areas/areas.graphql';
import { enumValue, formatDateTime, LABELS, options } from '../common/labels';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { usePages } from '../common/usePages';
import { getFragmentData } from '../gql';
import { CensusPopulationsQuery } from './census.graphql';
import { CensusFiguresForm } from './CensusFiguresForm';

const PAGE_SIZE = 20;
const count = new Intl.NumberFormat('en-GB');
const groupLabel = (category: SpecialCategory, key: string) =>
  CENSUS_GROUPS[category].find((group) => group.key === key)?.label ?? key;

/** Every figure recorded, area by area, a page at a time. */
function RecordedFigures() {
  const pages = usePages('all');
  const { data, loading, error, refetch } = useQuery(CensusPopulationsQuery, {
    variables: { first: PAGE_SIZE, after: pages.after },
  });
  const figures = data?.censusPopulations;
  return (
    <QueryState
      loading={loading && !figures}
      error={error}
      onRetry={() => refetch()}
      empty={figures?.totalCount === 0}
      emptyTitle="No census figures yet"
      emptyText="Figures saved above appear here, and reach by ethnic group, religion and disability is set against them."
    >
      {figures && (
        <>
          <Table striped>
            <Table.Caption>Census figures, {figures.totalCount} in all</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Area</Table.Th>
                <Table.Th scope="col">Category</Table.Th>
                <Table.Th scope="col">Group</Table.Th>
                <Table.Th scope="col" ta="right">
                  Population
                </Table.Th>
                <Table.Th scope="col">Set</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {figures.edges.map(({ node }) => (
                <Table.Tr key={node.id}>
                  <Table.Th scope="row" fw={500}>
                    {node.area.name}
                  </Table.Th>
                  <Table.Td>{LABELS.specialCategory[node.category]}</Table.Td>
                  <Table.Td>{groupLabel(node.category, node.group)}</Table.Td>
                  <Table.Td ta="right">{count.format(node.population)}</Table.Td>
                  <Table.Td>{formatDateTime(node.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Pager connection={figures} pages={pages} pageSize={PAGE_SIZE} label="Census figure pages" />
        </>
      )}
    </QueryState>
  );
}

export default function CensusPage() {
  const areasQuery = useQuery(AreasListQuery);
  const areas = getFragmentData(AreaFieldsFragment, areasQuery.data?.areas ?? []);
  const [chosenArea, setArea] = useState<string | null>(null);
  const [category, setCategory] = useState<SpecialCategory>(SpecialCategory.ETHNIC_GROUP);
  const area = areas.find((a) => a.id === chosenArea) ?? areas[0];
  return (
    <>
      <PageTitle title="Census figures">Census figures</PageTitle>
      <Stack gap="xl">
        <Text maw="70ch">
          How many people of each ethnic group, religion and disability answer live in each area, from the Census. Reach
          by those groups is set against them: in one area, or city-wide once every area has a figure for the group.
          They are counts of residents, never about a person.
        </Text>
        <Paper withBorder p="md" component="section" aria-labelledby="set-figures-heading">
          <Title order={2} size="h3" id="set-figures-heading" mb="sm">
            Set an area’s figures
          </Title>
          <QueryState
            loading={areasQuery.loading && !areasQuery.data}
            error={areasQuery.error}
            onRetry={() => areasQuery.refetch()}
            empty={areas.length === 0}
            emptyTitle="No areas yet"
            emptyText="Add the city’s wards under Areas first."
          >
            {area && (
              <Stack>
                <Group grow align="flex-start">
                  <NativeSelect
                    label="Area"
                    data={areas.map((a) => ({ value: a.id, label: a.name }))}
                    value={area.id}
                    onChange={(e) => setArea(e.currentTarget.value)}
                  />
                  <NativeSelect
                    label="Category"
                    data={options('specialCategory')}
                    value={category}
                    onChange={(e) => setCategory(enumValue(SpecialCategory, e.currentTarget.value) ?? category)}
                  />
                </Group>
                <CensusFiguresForm
                  key={`${area.id} ${category}`}
                  areaId={area.id}
                  areaName={area.name}
                  category={category}
                />
              </Stack>
            )}
          </QueryState>
        </Paper>
        <section aria-labelledby="recorded-heading">
          <Title order={2} size="h3" id="recorded-heading" mb="sm">
            Recorded figures
          </Title>
          <RecordedFigures />
        </section>
      </Stack>
    </>
  );
}
