import { Button, Group, Kbd, Modal, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { Fragment } from 'react';

interface Shortcut {
  keys: string[];
  does: string;
}

/** Single keys, anywhere on the coding screen but in a field (and only while switched on). */
const SCREEN: Shortcut[] = [
  { keys: ['s'], does: 'Go to the response text, to select a passage' },
  { keys: ['e'], does: 'Edit the excerpt' },
  { keys: ['t'], does: 'Choose themes' },
  { keys: ['c'], does: 'Code the excerpt (or the whole response) to the chosen themes' },
  { keys: ['q'], does: 'Mark the excerpt as a candidate quote' },
  { keys: ['a'], does: 'Accept the first suggested theme (codes the whole response to it)' },
  { keys: ['r'], does: 'Reject the first suggested theme (it is not suggested for this response again)' },
  { keys: ['n'], does: 'Next uncoded response' },
  { keys: ['?'], does: 'Show all shortcuts' },
];

/** In the excerpt and themes fields. */
const IN_FORM: Shortcut[] = [
  { keys: ['Ctrl', 'Enter'], does: 'Code the excerpt (or the whole response) to the chosen themes' },
];

/** Inside the response text. */
const IN_TEXT: Shortcut[] = [
  { keys: ['←', '→', '↑', '↓'], does: 'Move the caret' },
  { keys: ['Shift', '←'], does: 'Select a character at a time (with → too)' },
  { keys: ['Ctrl', 'Shift', '←'], does: 'Select a word at a time (with → too)' },
  { keys: ['Shift', '↓'], does: 'Select a line at a time (with ↑ too)' },
  { keys: ['Shift', 'End'], does: 'Select to the end of the line (Home: to its start)' },
  { keys: ['Ctrl', 'A'], does: 'Select the whole response' },
  { keys: ['Enter'], does: 'Code the selection to the chosen themes' },
];

function Keys({ keys }: { keys: string[] }) {
  const combined = keys.length > 1 && ['Shift', 'Ctrl'].includes(keys[0]!);
  return (
    <Group gap={4} wrap="nowrap">
      {keys.map((key, index) => (
        <Fragment key={key}>
          {index > 0 && (
            <Text span size="xs">
              {combined ? '+' : 'or'}
            </Text>
          )}
          <Kbd>{key}</Kbd>
        </Fragment>
      ))}
    </Group>
  );
}

function ShortcutTable({ caption, shortcuts }: { caption: string; shortcuts: Shortcut[] }) {
  return (
    <Table>
      <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Keys</Table.Th>
          <Table.Th>What they do</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {shortcuts.map((shortcut) => (
          <Table.Tr key={shortcut.does}>
            <Table.Td>
              <Keys keys={shortcut.keys} />
            </Table.Td>
            <Table.Td>{shortcut.does}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

interface ShortcutsPanelProps {
  enabled: boolean;
  onEnabledChange: (enabled: boolean) => void;
  onShowAll: () => void;
}

/** The screen's shortcuts, always in view, with the switch that turns the single-key ones off. */
export function ShortcutsPanel({ enabled, onEnabledChange, onShowAll }: ShortcutsPanelProps) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="shortcuts-heading">
      <Title order={2} size="h4" mb="xs" id="shortcuts-heading">
        Keyboard shortcuts
      </Title>
      <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {SCREEN.map((shortcut) => (
          <Group component="li" key={shortcut.does} gap="xs" wrap="nowrap" c={enabled ? undefined : 'dimmed'}>
            <Keys keys={shortcut.keys} />
            <Text size="sm">{shortcut.does}</Text>
          </Group>
        ))}
        <Group component="li" gap="xs" wrap="nowrap">
          <Keys keys={['Enter']} />
          <Text size="sm">In the response text: code the selection</Text>
        </Group>
        <Group component="li" gap="xs" wrap="nowrap">
          <Keys keys={['Ctrl', 'Enter']} />
          <Text size="sm">In the form: code</Text>
        </Group>
      </Stack>
      <Group justify="space-between" mt="md">
        <Switch
          label="Single-key shortcuts"
          checked={enabled}
          onChange={(event) => onEnabledChange(event.currentTarget.checked)}
        />
        <Button variant="default" size="xs" onClick={onShowAll}>
          All shortcuts
        </Button>
      </Group>
    </Paper>
  );
}

export function ShortcutHelpModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Keyboard shortcuts"
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack>
        <ShortcutTable caption="Anywhere on the coding screen, except while typing in a field" shortcuts={SCREEN} />
        <ShortcutTable caption="In the response text" shortcuts={IN_TEXT} />
        <ShortcutTable caption="In the excerpt and themes fields" shortcuts={IN_FORM} />
        <Text size="sm">
          Single-key shortcuts can be switched off beside the list on the screen, for example if they clash with your
          screen reader&rsquo;s keys.
        </Text>
        <Group justify="flex-end">
          <Button onClick={onClose} data-autofocus>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
