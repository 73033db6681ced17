import { useQuery } from '@apollo/client/react';
import { CENSUS_GROUPS, LIMITS, type SpecialCategory } from '@chorus/shared';
import { Alert, Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { messageAboveForm } from '../common/formMessage';
import { runAsync } from '../common/handle';
import { LABELS } from '../common/labels';
import { QueryState } from '../common/QueryState';
import { SuccessNotice } from '../common/SuccessNotice';
import { useFormFields } from '../common/useFormFields';
import { CensusPopulationsQuery } from './census.graphql';
import { useSetCensusPopulations } from './useSetCensusPopulations';

/** Most groups a category has (religion's eight): one page holds an area's figures for a category. */
const ONE_PAGE = LIMITS.pageSizeMax;
const WHOLE_NUMBER = /^\d{1,8}$/;

interface Props {
  areaId: string;
  areaName: string;
  category: SpecialCategory;
}

/** An area's census figures for one category, one field per group; blank clears a group's figure. */
export function CensusFiguresForm(props: Props) {
  const { data, loading, error, refetch } = useQuery(CensusPopulationsQuery, {
    variables: { first: ONE_PAGE, after: null, filter: { areaId: props.areaId, category: props.category } },
  });
  return (
    <QueryState loading={loading && !data} error={error} onRetry={() => refetch()}>
      {data && (
        <Fields
          {...props}
          saved={new Map(data.censusPopulations.edges.map(({ node }) => [node.group, node.population]))}
        />
      )}
    </QueryState>
  );
}

function Fields({ areaId, areaName, category, saved }: Props & { saved: Map<string, number> }) {
  const groups = CENSUS_GROUPS[category];
  const initial = Object.fromEntries(groups.map((group) => [group.key, saved.get(group.key)?.toString() ?? '']));
  const [save, { loading, error }] = useSetCensusPopulations();
  const { values, errors, errorFor, formRef, set, accept } = useFormFields(initial, error);
  const [done, setDone] = useState<string | null>(null);
  const fieldOf = (i: number) => `populations.${i}.population`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const typed = groups.map((group) => values[group.key]!.trim().replace(/,/g, ''));
    const ok = accept(
      Object.fromEntries(
        groups.map((group, i) => [
          group.key,
          typed[i] && !WHOLE_NUMBER.test(typed[i]) ? 'Enter a whole number of people, or leave it blank' : undefined,
        ]),
      ),
    );
    if (!ok) return;
    try {
      const result = await save({
        areaId,
        category,
        populations: groups.map((group, i) => ({ group: group.key, population: typed[i] ? Number(typed[i]) : null })),
      });
      if (result) {
        const what = `${LABELS.specialCategory[category].toLowerCase()} figure${result.length === 1 ? '' : 's'}`;
        setDone(`${areaName}: ${result.length} ${what} saved.`);
      }
    } catch {
      // shown from `error` below
    }
  };
  const above = messageAboveForm(
    errors,
    groups.map((_, i) => fieldOf(i)),
  );

  return (
    <form
      ref={formRef}
      onSubmit={(event) => runAsync(submit(event))}
      noValidate
      aria-label={`Census figures for ${areaName} by ${LABELS.specialCategory[category].toLowerCase()}`}
    >
      <Stack>
        {done && <SuccessNotice message={done} />}
        {above && (
          <Alert color="red" role="alert">
            {above}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {groups.map((group, i) => (
            <TextInput
              key={group.key}
              label={group.label}
              inputMode="numeric"
              value={values[group.key]}
              onChange={(e) => set(group.key, e.currentTarget.value)}
              error={errorFor(group.key, fieldOf(i))}
            />
          ))}
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={loading}>
            Save figures
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
