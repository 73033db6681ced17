import { LIMITS, Permission, SessionFormat, SessionStatus, paperFormsPath } from '@chorus/shared';
import { Button, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useId } from '@mantine/hooks';
import { useState } from 'react';
import { useSession } from '../auth/useSession';
import { downloadWithToken } from '../common/download';
import { getFragmentData, graphql, type FragmentType } from '../gql';

export const PrintPaperFormsFragment = graphql(`
  fragment PrintPaperForms on Session {
    id
    format
    status
  }
`);

/** Downloads a questionnaire session's paper forms: each sheet with a fresh code reserved for it. */
export function PrintPaperForms({ session }: { session: FragmentType<typeof PrintPaperFormsFragment> }) {
  const { can } = useSession();
  const { id, format, status } = getFragmentData(PrintPaperFormsFragment, session);
  const [count, setCount] = useState<number | string>(20);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  if (format !== SessionFormat.QUESTIONNAIRE || status === SessionStatus.CANCELLED) return null;
  if (!can(Permission.PaperFormPrint)) return null;

  const print = async () => {
    const sheets = Number(count);
    if (!Number.isInteger(sheets) || sheets < 1 || sheets > LIMITS.paperForms) {
      setProblem(`Choose from 1 to ${LIMITS.paperForms} forms.`);
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      await downloadWithToken(paperFormsPath(id, sheets), `paper-forms-${sheets}.pdf`);
    } catch {
      setProblem('The forms could not be made. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby={titleId}>
      <Title order={2} size="h4" id={titleId}>
        Paper forms
      </Title>
      <Text size="sm">
        Each sheet has its own participant code, printed and as a QR code. Type filled-in forms up on the “Type up paper
        forms” screen.
      </Text>
      <Group align="flex-end" gap="sm">
        <NumberInput
          label="Forms to print"
          min={1}
          max={LIMITS.paperForms}
          allowDecimal={false}
          value={count}
          onChange={setCount}
          error={problem}
          w={160}
        />
        <Button variant="default" loading={busy} onClick={() => void print()}>
          Download forms (PDF)
        </Button>
      </Group>
    </Stack>
  );
}
