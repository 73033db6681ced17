import { Permission } from '@chorus/shared';
import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Stack } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useSession } from '../auth/useSession';
import { errorCode } from '../common/errors';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { PrintPaperForms } from '../paper-forms/PrintPaperForms';
import { SessionActions } from './SessionActions';
import { SessionDetails } from './SessionDetails';
import { SessionParticipants } from './SessionParticipants';
import { SessionResponses } from './SessionResponses';
import { SessionQuery } from './sessions.graphql';
import { NotFound } from '../common/NotFound';

/** Where a save sends the reader, with what to confirm (see NewSessionPage and EditSessionPage). */
export interface SessionPageState {
  notice?: string;
}

export default function SessionPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const location = useLocation();
  const [notice, setNotice] = useState((location.state as SessionPageState | null)?.notice ?? null);
  // After holding or cancelling, the button pressed is gone: the confirmation takes focus instead.
  const noticeRef = useRef<HTMLDivElement>(null);
  const [noticesToFocus, setNoticesToFocus] = useState(0);
  useEffect(() => {
    if (noticesToFocus) noticeRef.current?.focus();
  }, [noticesToFocus]);

  const { data, loading, error, refetch } = useQuery(SessionQuery, {
    variables: { id, withFacilitators: can(Permission.FacilitatorRead) },
  });
  if (errorCode(error) === 'NOT_FOUND')
    return <NotFound record="session" backTo="/sessions" backLabel="Back to sessions" />;
  const session = data?.session;
  const title = session?.title ?? 'Session';

  return (
    <>
      <Anchor component={Link} to="/sessions" size="sm">
        All sessions
      </Anchor>
      <PageTitle title={title}>{title}</PageTitle>
      {notice && (
        <Alert
          ref={noticeRef}
          tabIndex={-1}
          role="status"
          color="green"
          mb="md"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      )}
      <QueryState loading={loading && !session} error={error} onRetry={() => refetch()}>
        {session && (
          <Stack gap="xl">
            <SessionActions
              session={session}
              onDone={(message) => {
                setNotice(message);
                setNoticesToFocus((count) => count + 1);
              }}
            />
            <SessionDetails session={session} />
            <PrintPaperForms session={session} />
            {can(Permission.ParticipantRead) && <SessionParticipants sessionId={session.id} />}
            <SessionResponses sessionId={session.id} />
          </Stack>
        )}
      </QueryState>
    </>
  );
}
