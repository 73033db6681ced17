import { Permission } from '@chorus/shared';
import { useQuery } from '@apollo/client/react';
import { Box, Button, CloseButton, Group, Pill, Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/useSession';
import { useThemeOptions } from '../codebook/useThemeOptions';
import { options } from '../common/labels';
import { ResponseAreasQuery } from './responses.graphql';
import { FILTER_PARAMS, filterFromParams, withFilter, type FilterName } from './responseFilters';
import { SessionSelect } from './SessionSelect';

/** The list's search and filters, kept in the address. */
export function ResponseFilters() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const areas = useQuery(ResponseAreasQuery);
  const themes = useThemeOptions({ skip: !can(Permission.CodebookRead) });

  // The box answers every key press; the list follows once typing pauses.
  const urlSearch = params.get(FILTER_PARAMS.search) ?? '';
  const [search, setSearch] = useState(urlSearch);
  const [seenSearch, setSeenSearch] = useState(urlSearch);
  if (urlSearch !== seenSearch) {
    // The address changed by other means (back button, "Clear filters"): show what it says.
    setSeenSearch(urlSearch);
    setSearch(urlSearch);
  }
  const searchSoon = useDebouncedCallback((text: string) => {
    setParams((current) => withFilter(current, 'search', text.trim()), { replace: true });
  }, 350);

  const set = (name: FilterName, value: string | boolean | null) => setParams(withFilter(params, name, value));
  const active = Object.keys(filter).length > 0;

  return (
    <Box component="form" role="search" aria-label="Responses" onSubmit={(e) => e.preventDefault()} mb="md">
      <TextInput
        type="search"
        label="Search the words"
        description='Finds other forms of a word too. Use "quotes" for a phrase and -word to leave a word out.'
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          searchSoon(e.currentTarget.value);
        }}
        mb="sm"
      />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: can(Permission.CodebookRead) ? 4 : 3 }} mb="sm">
        <Select
          label="Prompt"
          placeholder="Any prompt"
          data={options('prompt')}
          value={filter.prompt ?? null}
          onChange={(value) => set('prompt', value)}
          clearable
          clearButtonProps={{ 'aria-label': 'Clear the prompt' }}
        />
        <SessionSelect value={filter.sessionId ?? null} onChange={(value) => set('sessionId', value)} />
        <Select
          label="Area"
          placeholder={areas.error ? 'Areas could not be loaded' : 'Any area'}
          data={areas.data?.areas.map((area) => ({ value: area.id, label: area.name })) ?? []}
          value={filter.areaId ?? null}
          onChange={(value) => set('areaId', value)}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': 'Clear the area' }}
          nothingFoundMessage="No area has that name"
        />
        {can(Permission.CodebookRead) && (
          <Select
            label="Theme"
            placeholder={themes.error ? 'Themes could not be loaded' : 'Any theme'}
            data={themes.options}
            value={filter.themeId ?? null}
            onChange={(value) => set('themeId', value)}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': 'Clear the theme' }}
            nothingFoundMessage="No theme has that name"
          />
        )}
      </SimpleGrid>
      <Group justify="space-between">
        <Group>
          <Switch
            label="Only responses not yet coded"
            checked={filter.uncoded ?? false}
            onChange={(e) => set('uncoded', e.currentTarget.checked)}
          />
          {filter.participantId && (
            <Pill size="md">
              <Group gap={4} wrap="nowrap">
                One participant&rsquo;s responses
                <CloseButton
                  size="xs"
                  aria-label="Show every participant's responses"
                  onClick={() => set('participantId', null)}
                />
              </Group>
            </Pill>
          )}
        </Group>
        <Button variant="subtle" size="xs" onClick={() => setParams(new URLSearchParams())} disabled={!active}>
          Clear filters
        </Button>
      </Group>
    </Box>
  );
}
