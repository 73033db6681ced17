import { Permission } from '@chorus/shared';
import { useQuery } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { useSession } from '../auth/useSession';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { SessionForm, type SessionInput } from './SessionForm';
import type { SessionPageState } from './SessionPage';
import { NewSessionQuery } from './sessions.graphql';
import { useCreateSession } from './useCreateSession';
import { runAsync } from '../common/handle';
import { useDuplicateSessions } from './useDuplicateSessions';

export default function NewSessionPage() {
  const { can, ownOrganisationOnly } = useSession();
  const navigate = useNavigate();
  const findDuplicates = useDuplicateSessions();
  const { data, loading, error, refetch } = useQuery(NewSessionQuery, {
    variables: {
      withOrganisations: can(Permission.SessionPlan) && !ownOrganisationOnly,
      withFacilitators: can(Permission.UserList),
    },
  });
  const [createSession, saving] = useCreateSession();

  const save = async (input: SessionInput) => {
    try {
      const session = await createSession(input);
      const state: SessionPageState = { notice: `“${session.title}” is planned.` };
      // Declarative routing navigates at once; there is nothing to wait for.
      void navigate(`/sessions/${session.id}`, { state });
    } catch {
      // shown beside the fields by the form
    }
  };

  return (
    <>
      <PageTitle title="Plan a session">Plan a session</PageTitle>
      <QueryState loading={loading && !data} error={error} onRetry={() => refetch()}>
        {data && (
          <SessionForm
            choices={data}
            submitLabel="Plan session"
            saving={saving.loading}
            error={saving.error}
            cancelTo="/sessions"
            onSubmit={(input) => runAsync(save(input))}
            findDuplicates={findDuplicates}
          />
        )}
      </QueryState>
    </>
  );
}
