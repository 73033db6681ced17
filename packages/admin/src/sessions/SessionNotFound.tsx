import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageTitle } from '../common/PageTitle';

/** The session's address leads nowhere: absent, or not one the caller may see (the server does not say which). */
export function SessionNotFound() {
  return (
    <>
      <PageTitle title="Session not found">Session not found</PageTitle>
      <Text mb="sm">
        There is no session at this address that you can see. It may have been removed, or the link may be wrong.
      </Text>
      <Anchor component={Link} to="/sessions">
        Back to sessions
      </Anchor>
    </>
  );
}
