import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import type { AreaKind } from '../gql/graphql';
import { AreasListQuery, CreateAreaMutation, UpdateAreaMutation } from './areas.graphql';

export interface AreaValues {
  name: string;
  code: string | null;
  kind: AreaKind;
  population: number | null;
}

/** Adds an area, or changes one when given its id; the list is read again so it sits in its place by name. */
export function useSaveArea(id: string | null) {
  const options = { refetchQueries: [AreasListQuery], awaitRefetchQueries: true };
  const [create, created] = useMutation(CreateAreaMutation, options);
  const [update, updated] = useMutation(UpdateAreaMutation, options);
  const save = useCallback(
    async (input: AreaValues) => {
      if (id) return (await update({ variables: { id, input } })).data?.updateArea;
      return (await create({ variables: { input } })).data?.createArea;
    },
    [id, create, update],
  );
  return [save, id ? updated : created] as const;
}
