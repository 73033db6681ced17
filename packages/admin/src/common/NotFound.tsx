import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageTitle } from './PageTitle';

interface NotFoundProps {
  /** What the address was for, in lower case: "session", "participant". */
  record: string;
  /** The list to go back to, and its link's words. */
  backTo: string;
  backLabel: string;
}

/**
 * A record's address leads nowhere the reader may go: absent (removed, erased, a wrong link) or out of
 * their reach (another organisation's). The server does not say which, and neither does the page.
 */
export function NotFound({ record, backTo, backLabel }: NotFoundProps) {
  const title = `${record.charAt(0).toUpperCase()}${record.slice(1)} not found`;
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <Text mb="sm">
        Not found, or not yours to see: there is no {record} at this address that you can see. It may have been removed
        or erased, or the link may be wrong.
      </Text>
      <Anchor component={Link} to={backTo}>
        {backLabel}
      </Anchor>
    </>
  );
}
