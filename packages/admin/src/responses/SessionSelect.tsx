import { useQuery } from '@apollo/client/react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { formatDate } from '../common/labels';
import { SessionChoiceQuery, SessionOptionsQuery } from './responses.graphql';

const label = (session: { title: string; startsAt: string }) => `${session.title} (${formatDate(session.startsAt)})`;

/** Picks a session by typing part of its title: sessions are many, so the server searches them. */
export function SessionSelect({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const [search, setSearch] = useState('');
  const chosen = useQuery(SessionChoiceQuery, { variables: { id: value ?? '' }, skip: !value });
  const chosenSession = value ? chosen.data?.session : undefined;
  // Once a session is chosen the box shows its name; that is not a search.
  const typed = chosenSession && search === label(chosenSession) ? '' : search;
  const [debounced] = useDebouncedValue(typed.trim(), 300);
  const { data, loading } = useQuery(SessionOptionsQuery, { variables: { search: debounced || null } });
  const sessions = data?.sessions.edges.map((edge) => edge.node) ?? [];
  const options = [
    ...(chosenSession && !sessions.some((s) => s.id === chosenSession.id) ? [chosenSession] : []),
    ...sessions,
  ].map((session) => ({ value: session.id, label: label(session) }));

  return (
    <Select
      label="Session"
      placeholder="Type part of a title"
      data={options}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: found }) => found}
      clearable
      clearButtonProps={{ 'aria-label': 'Clear the session' }}
      nothingFoundMessage={loading ? 'Searching…' : 'No session has that title'}
    />
  );
}
