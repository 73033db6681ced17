import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';

interface DiscardDraftButtonProps {
  /** True when a batch was sent and not confirmed: it may already be stored. */
  maybeSent: boolean;
  onDiscard: () => void;
}

/** Throws away unsent responses, after asking: typed words cannot be recovered. */
export function DiscardDraftButton({ maybeSent, onDiscard }: DiscardDraftButtonProps) {
  const [opened, { open, close }] = useDisclosure();
  return (
    <>
      <Button variant="default" size="xs" onClick={open}>
        Discard unsent work
      </Button>
      <Modal opened={opened} onClose={close} title="Discard unsent work?">
        <Stack>
          <Text size="sm">
            The responses typed here and not yet saved are deleted from this computer. This cannot be undone.
          </Text>
          {maybeSent && (
            <Text size="sm">
              The last batch may already have reached Chorus before the connection dropped; if so, it stays saved.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus>
              Keep my work
            </Button>
            <Button
              color="red"
              onClick={() => {
                close();
                onDiscard();
              }}
            >
              Discard
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
