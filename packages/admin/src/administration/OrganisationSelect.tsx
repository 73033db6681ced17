import { useQuery } from '@apollo/client/react';
import { NativeSelect } from '@mantine/core';
import { OrganisationChoicesQuery } from './administration.graphql';

interface OrganisationSelectProps {
  value: string;
  onChange: (id: string) => void;
  error?: string;
  description: string;
}

/** Picks the partner organisation a user or key belongs to. */
export function OrganisationSelect({ value, onChange, error, description }: OrganisationSelectProps) {
  const { data, loading, error: loadError } = useQuery(OrganisationChoicesQuery);
  const organisations = data?.organisations;
  const listed = organisations?.edges.length ?? 0;
  // One page holds at most 100; a longer list is said to be cut short rather than silently so.
  const cutShort =
    organisations && organisations.totalCount > listed
      ? ` Only the first ${listed} of ${organisations.totalCount}, by name, are listed.`
      : '';
  const prompt = loading && !organisations ? 'Loading organisations…' : 'Choose an organisation';
  return (
    <NativeSelect
      label="Organisation"
      description={description + cutShort}
      data={[
        { value: '', label: prompt },
        ...(organisations?.edges.map(({ node }) => ({ value: node.id, label: node.name })) ?? []),
      ]}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error ?? (loadError ? 'The organisations could not be loaded. Reload the page to try again.' : undefined)}
      required
    />
  );
}
