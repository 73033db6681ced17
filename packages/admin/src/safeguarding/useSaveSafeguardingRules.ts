import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import type { SafeguardingRuleInput } from '../gql/graphql';
import { SafeguardingRuleSetQuery, SaveSafeguardingRulesMutation } from './safeguarding.graphql';

/**
 * Saves the whole rule set as its next version. The saved set replaces the one on screen, so the
 * list, the version and who saved it change together.
 */
export function useSaveSafeguardingRules() {
  const [mutate, state] = useMutation(SaveSafeguardingRulesMutation, {
    update(cache, { data }) {
      if (data)
        cache.writeQuery({
          query: SafeguardingRuleSetQuery,
          data: { safeguardingRuleSet: data.saveSafeguardingRules },
        });
    },
  });
  const save = useCallback(
    async (rules: readonly SafeguardingRuleInput[]) => {
      // Only the input's fields: rules read from the cache also carry __typename.
      const input = rules.map(({ category, kind, text, enabled }) => ({ category, kind, text, enabled }));
      return (await mutate({ variables: { rules: input } })).data?.saveSafeguardingRules;
    },
    [mutate],
  );
  return [save, state] as const;
}
