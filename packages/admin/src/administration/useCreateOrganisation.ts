import { useMutation } from '@apollo/client/react';
import type { CreateOrganisationInput } from '../gql/graphql';
import { CreateOrganisationMutation, OrganisationsListQuery } from './administration.graphql';

/** Adds a partner organisation; the list on screen is read again so it appears in its place by name. */
export function useCreateOrganisation() {
  const [mutate, state] = useMutation(CreateOrganisationMutation, {
    refetchQueries: [OrganisationsListQuery],
    awaitRefetchQueries: true,
  });
  const create = async (input: CreateOrganisationInput) => {
    const { data } = await mutate({ variables: { input } });
    return data?.createOrganisation;
  };
  return [create, state] as const;
}
