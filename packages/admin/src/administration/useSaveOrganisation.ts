import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import type { Sector } from '../gql/graphql';
import {
  CreateOrganisationMutation,
  OrganisationsListQuery,
  UpdateOrganisationMutation,
} from './administration.graphql';

export interface OrganisationValues {
  name: string;
  sector: Sector;
}

/** Adds a partner organisation, or changes one when given its id; the list is read again so it sits in its place by name. */
export function useSaveOrganisation(id: string | null) {
  const options = { refetchQueries: [OrganisationsListQuery], awaitRefetchQueries: true };
  const [create, created] = useMutation(CreateOrganisationMutation, options);
  const [update, updated] = useMutation(UpdateOrganisationMutation, options);
  const save = useCallback(
    async (input: OrganisationValues) => {
      if (id) return (await update({ variables: { id, input } })).data?.updateOrganisation;
      return (await create({ variables: { input } })).data?.createOrganisation;
    },
    [id, create, update],
  );
  return [save, id ? updated : created] as const;
}
