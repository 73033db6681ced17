import type { SessionFormat, SessionStatus } from '@chorus/shared';
import { Button, Group, MultiSelect, NativeSelect, Paper, SimpleGrid, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useId, useRef, useState, type RefObject } from 'react';
import { options } from '../common/labels';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { SessionFilterValues } from './useSessionFilters';

export const SessionFiltersChoicesFragment = graphql(`
  fragment SessionFiltersChoices on Query {
    areas {
      id
      name
    }
    organisations(first: 100) @include(if: $withOrganisations) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

interface SessionFiltersProps {
  values: SessionFilterValues;
  /** Areas and organisations to choose from; absent while they load. */
  choices: FragmentType<typeof SessionFiltersChoicesFragment> | undefined;
  /** Partners see only their own organisation's sessions, so they are not offered the choice. */
  withOrganisation: boolean;
  active: boolean;
  onChange: (changes: Partial<SessionFilterValues>) => void;
  onClear: () => void;
}

/** Searches on Enter or "Search", not per keystroke, so the list does not jump while typing. */
function TitleSearch({
  value,
  onSearch,
  inputRef,
}: {
  value: string;
  onSearch: (search: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const [text, setText] = useState(value);
  // Back and forward change the address under the box: show what the list is filtered by.
  const [applied, setApplied] = useState(value);
  if (value !== applied) {
    setApplied(value);
    setText(value);
  }
  return (
    <form
      role="search"
      aria-label="Sessions by title"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(text);
      }}
    >
      <Group align="flex-end" gap="xs">
        <TextInput
          ref={inputRef}
          label="Title contains"
          type="search"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Button type="submit" variant="default">
          Search
        </Button>
      </Group>
    </form>
  );
}

export function SessionFilters({ values, choices, withOrganisation, active, onChange, onClear }: SessionFiltersProps) {
  const headingId = useId();
  const searchInput = useRef<HTMLInputElement>(null);
  const data = getFragmentData(SessionFiltersChoicesFragment, choices);
  const areas = data?.areas.map((area) => ({ value: area.id, label: area.name })) ?? [];
  const organisations = data?.organisations?.edges.map(({ node }) => ({ value: node.id, label: node.name })) ?? [];
  const datesReversed = Boolean(values.from && values.to && values.to < values.from);
  // On a phone the filters would fill the first screen: past the title search they wait behind a toggle.
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const [moreShown, setMoreShown] = useState(false);
  const moreId = useId();
  const setCount = [
    values.formats.length,
    values.statuses.length,
    values.areaId,
    values.organisationId,
    values.from,
    values.to,
  ].filter(Boolean).length;

  return (
    <Paper withBorder p="md" mb="md" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h5" mb="sm" id={headingId}>
        Filters
      </Title>
      <TitleSearch value={values.search} onSearch={(search) => onChange({ search })} inputRef={searchInput} />
      {!wide && (
        <Button
          variant="subtle"
          mt="xs"
          px={0}
          aria-expanded={moreShown}
          aria-controls={moreId}
          onClick={() => setMoreShown((shown) => !shown)}
        >
          {moreShown ? 'Fewer filters' : setCount ? `More filters (${setCount} set)` : 'More filters'}
        </Button>
      )}
      <SimpleGrid
        cols={{ base: 1, sm: 2, lg: 3 }}
        mt="sm"
        id={moreId}
        display={!wide && !moreShown ? 'none' : undefined}
      >
        <MultiSelect
          label="Format"
          placeholder={values.formats.length ? undefined : 'Any format'}
          data={options('format')}
          value={values.formats}
          onChange={(formats) => onChange({ formats: formats as SessionFormat[] })}
          clearable
        />
        <MultiSelect
          label="Status"
          placeholder={values.statuses.length ? undefined : 'Any status'}
          data={options('status')}
          value={values.statuses}
          onChange={(statuses) => onChange({ statuses: statuses as SessionStatus[] })}
          clearable
        />
        <NativeSelect
          label="Area"
          data={[{ value: '', label: 'Any area' }, ...areas]}
          value={values.areaId}
          onChange={(event) => onChange({ areaId: event.currentTarget.value })}
        />
        {withOrganisation && (
          <NativeSelect
            label="Organisation"
            data={[{ value: '', label: 'Any organisation' }, ...organisations]}
            value={values.organisationId}
            onChange={(event) => onChange({ organisationId: event.currentTarget.value })}
          />
        )}
        <TextInput
          label="Starts on or after"
          type="date"
          value={values.from}
          onChange={(event) => onChange({ from: event.currentTarget.value })}
        />
        <TextInput
          label="Starts on or before"
          type="date"
          value={values.to}
          onChange={(event) => onChange({ to: event.currentTarget.value })}
          error={datesReversed ? 'This is before the “on or after” date' : undefined}
        />
      </SimpleGrid>
      {active && (
        <Button
          variant="subtle"
          mt="sm"
          onClick={() => {
            onClear();
            // The button goes once nothing is filtered: keep the keyboard in the filters.
            searchInput.current?.focus();
          }}
        >
          Clear filters
        </Button>
      )}
    </Paper>
  );
}
