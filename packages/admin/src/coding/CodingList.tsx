import { Alert, Badge, Blockquote, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { formatDateTime } from '../common/labels';
import { formErrors } from '../common/errors';
import { messageAboveForm } from '../common/formMessage';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { CodingListItemFragment as CodingItem } from '../gql/graphql';
import { themePathLabel } from '../codebook/themeTree';
import { useUncodeResponse } from './useUncodeResponse';
import { runAsync } from '../common/handle';

export const CodingListItemFragment = graphql(`
  fragment CodingListItem on Coding {
    id
    excerpt
    createdAt
    theme {
      id
      name
      path
    }
    coder {
      id
      displayName
    }
  }
`);

interface CodingListProps {
  responseId: string;
  codings: FragmentType<typeof CodingListItemFragment>[];
}

/** A response's codings, each removable after confirmation (analysis roles only render this). */
export function CodingList({ responseId, codings }: CodingListProps) {
  const items = getFragmentData(CodingListItemFragment, codings);
  const heading = useRef<HTMLHeadingElement>(null);
  const [removing, setRemoving] = useState<CodingItem | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const [uncode, { loading, error, reset }] = useUncodeResponse(responseId);
  const refusal = messageAboveForm(formErrors(error), []);
  // The button that opened the dialog goes with its coding: after a removal the list's heading takes focus.
  const removedJustNow = useRef(false);

  const cancel = () => {
    setRemoving(null);
    reset();
  };
  const remove = async () => {
    if (!removing) return;
    try {
      await uncode({ variables: { id: removing.id } });
      setRemoved(`The coding to “${themePathLabel(removing.theme)}” was removed.`);
      removedJustNow.current = true;
      setRemoving(null);
    } catch {
      // shown in the dialog
    }
  };

  return (
    <section aria-labelledby="codings-heading">
      <Title order={2} size="h4" mb="xs" id="codings-heading" ref={heading} tabIndex={-1}>
        Codings ({items.length})
      </Title>
      {removed && (
        <Alert
          color="green"
          role="status"
          mb="sm"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setRemoved(null)}
        >
          {removed}
        </Alert>
      )}
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          Not coded yet.
        </Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((coding) => (
            <li key={coding.id}>
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <div>
                  <Badge variant="light" tt="none">
                    {themePathLabel(coding.theme)}
                  </Badge>
                  {coding.excerpt ? (
                    <Blockquote p="xs" mt={6} fz="sm" color="indigo">
                      {coding.excerpt}
                    </Blockquote>
                  ) : (
                    <Text size="sm" mt={4}>
                      The whole response
                    </Text>
                  )}
                  <Text size="xs" c="dimmed" mt={4}>
                    {coding.coder ? `${coding.coder.displayName}, ` : ''}
                    {formatDateTime(coding.createdAt)}
                  </Text>
                </div>
                <Button
                  variant="default"
                  size="xs"
                  onClick={() => setRemoving(coding)}
                  aria-label={`Remove the coding to ${themePathLabel(coding.theme)}`}
                  style={{ flexShrink: 0 }}
                >
                  Remove
                </Button>
              </Group>
            </li>
          ))}
        </Stack>
      )}
      <Modal
        opened={removing !== null}
        onClose={cancel}
        title="Remove this coding?"
        closeButtonProps={{ 'aria-label': 'Close' }}
        onExitTransitionEnd={() => {
          if (removedJustNow.current) heading.current?.focus();
          removedJustNow.current = false;
        }}
      >
        {removing && (
          <Stack>
            {refusal && (
              <Alert color="red" role="alert">
                {refusal}
              </Alert>
            )}
            <Text size="sm">
              The response will no longer be coded to “{themePathLabel(removing.theme)}”
              {removing.excerpt ? ` for the excerpt “${removing.excerpt}”` : ''}. Other codings stay.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={cancel} data-autofocus>
                Cancel
              </Button>
              <Button color="red" onClick={() => runAsync(remove())} loading={loading}>
                Remove coding
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </section>
  );
}
