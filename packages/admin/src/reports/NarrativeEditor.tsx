import { useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { formErrors } from '../common/errors';
import { runAsync } from '../common/handle';
import { formatDateTime } from '../common/labels';
import { QueryState } from '../common/QueryState';
import { SuccessNotice } from '../common/SuccessNotice';
import type { ReportSection } from '../gql/graphql';
import { ReportNarrativesQuery } from './reports.graphql';
import { useSetReportNarrative } from './useReportActions';

/** The server's limit per section (reports.service NARRATIVE_MAX). */
export const NARRATIVE_MAX = 20_000;

interface Narrative {
  section: ReportSection;
  title: string;
  markdown: string;
  updatedAt: string | null;
}

/**
 * The narrative per section, in Markdown, saved one section at a time. A build copies it into the
 * version, so editing here changes only the next build.
 */
export function NarrativeEditor() {
  const narratives = useQuery(ReportNarrativesQuery);
  const sections = narratives.data?.reportNarratives ?? [];
  return (
    <section aria-labelledby="narrative-heading">
      <Title order={2} size="h3" id="narrative-heading" mb="xs">
        Narrative
      </Title>
      <Text size="sm" mb="sm" maw={720}>
        What the analysts write for each section, in Markdown (headings, lists, emphasis, links). Raw HTML is shown as
        text and images are not drawn. A version keeps the narrative it was built with; what you save here goes into the
        next build.
      </Text>
      <QueryState
        loading={narratives.loading && !narratives.data}
        error={narratives.error}
        onRetry={() => narratives.refetch()}
      >
        <Stack>
          {sections.map((narrative) => (
            <NarrativeSection key={narrative.section} narrative={narrative} />
          ))}
        </Stack>
      </QueryState>
    </section>
  );
}

export function NarrativeSection({ narrative }: { narrative: Narrative }) {
  const [draft, setDraft] = useState(narrative.markdown);
  // Saved elsewhere meanwhile: an untouched draft follows the saved words, an edited one is kept.
  const [base, setBase] = useState(narrative.markdown);
  if (narrative.markdown !== base) {
    if (draft === base) setDraft(narrative.markdown);
    setBase(narrative.markdown);
  }
  const [save, saving] = useSetReportNarrative();
  const [saved, setSaved] = useState<string | null>(null);
  const errors = formErrors(saving.error);
  const changed = draft !== narrative.markdown;
  const headingId = `narrative-${narrative.section}`;

  const onSave = async () => {
    setSaved(null);
    try {
      await save(narrative.section, draft);
      setSaved(`${narrative.title}: narrative saved. The next build takes it.`);
    } catch {
      // shown beside the field
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Title order={3} size="h4" id={headingId} mb="xs">
        {narrative.title}
      </Title>
      <Stack gap="xs">
        {saved && !changed && <SuccessNotice message={saved} />}
        {errors.form && (
          <Alert color="red" role="alert">
            {errors.form}
          </Alert>
        )}
        <Textarea
          label={`Narrative for ${narrative.title} (Markdown)`}
          description={
            narrative.updatedAt ? `Last saved ${formatDateTime(narrative.updatedAt)}` : 'Nothing written yet'
          }
          value={draft}
          onChange={(event) => setDraft(event.currentTarget.value)}
          error={
            errors.fields.markdown ??
            (draft.length > NARRATIVE_MAX ? `At most ${NARRATIVE_MAX.toLocaleString('en-GB')} characters` : undefined)
          }
          autosize
          minRows={3}
          maxRows={16}
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {draft.length.toLocaleString('en-GB')} / {NARRATIVE_MAX.toLocaleString('en-GB')} characters
          </Text>
          <Button size="xs" onClick={() => runAsync(onSave())} loading={saving.loading} disabled={!changed}>
            Save {narrative.title}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
