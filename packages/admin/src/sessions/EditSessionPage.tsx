import { Permission } from '@chorus/shared';
import { useQuery } from '@apollo/client/react';
import { useNavigate, useParams } from 'react-router';
import { useSession } from '../auth/useSession';
import { errorCode } from '../common/errors';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { SessionForm, type SessionInput } from './SessionForm';
import type { SessionPageState } from './SessionPage';
import { EditSessionQuery } from './sessions.graphql';
import { useUpdateSession } from './useUpdateSession';
import { runAsync } from '../common/handle';
import { useDuplicateSessions } from './useDuplicateSessions';
import { NotFound } from '../common/NotFound';

export default function EditSessionPage() {
  const { id = '' } = useParams();
  const { can, ownOrganisationOnly } = useSession();
  const navigate = useNavigate();
  const findDuplicates = useDuplicateSessions();
  // Fetched fresh: the form starts from the session as it is now, not as it was cached.
  const { data, loading, error, refetch } = useQuery(EditSessionQuery, {
    variables: {
      id,
      withOrganisations: can(Permission.SessionPlan) && !ownOrganisationOnly,
      withFacilitators: can(Permission.UserList),
    },
    fetchPolicy: 'network-only',
  });
  const [updateSession, saving] = useUpdateSession();
  if (errorCode(error) === 'NOT_FOUND')
    return <NotFound record="session" backTo="/sessions" backLabel="Back to sessions" />;

  const save = async (input: SessionInput) => {
    try {
      await updateSession(id, input);
      const state: SessionPageState = { notice: 'Changes saved.' };
      // Declarative routing navigates at once; there is nothing to wait for.
      void navigate(`/sessions/${id}`, { state });
    } catch {
      // shown beside the fields by the form
    }
  };

  return (
    <>
      <PageTitle title={data ? `Edit ${data.session.title}` : 'Edit session'}>Edit session</PageTitle>
      <QueryState loading={loading && !data} error={error} onRetry={() => refetch()}>
        {data && (
          <SessionForm
            choices={data}
            session={data.session}
            submitLabel="Save changes"
            saving={saving.loading}
            error={saving.error}
            cancelTo={`/sessions/${id}`}
            onSubmit={(input) => runAsync(save(input))}
            findDuplicates={findDuplicates}
          />
        )}
      </QueryState>
    </>
  );
}
