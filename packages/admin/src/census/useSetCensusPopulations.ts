import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import type { SetCensusPopulationsInput } from '../gql/graphql';
import { SetCensusPopulationsMutation } from './census.graphql';

/** Sets an area's figures for one category; every list of figures is read again, so the pages agree. */
export function useSetCensusPopulations() {
  const [mutate, state] = useMutation(SetCensusPopulationsMutation, {
    refetchQueries: ['CensusPopulations'],
    awaitRefetchQueries: true,
  });
  const save = useCallback(
    async (input: SetCensusPopulationsInput) => (await mutate({ variables: { input } })).data?.setCensusPopulations,
    [mutate],
  );
  return [save, state] as const;
}
