import { useQuery } from '@apollo/client/react';
import { ResponseSource, Permission } from '@chorus/shared';
import { Anchor, Badge, Button, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/useSession';
import { themePathLabel } from '../codebook/themeTree';
import { CodingList, CodingListItemFragment } from '../coding/CodingList';
import { MarkedText } from '../coding/MarkedText';
import { formatDateTime, LABELS, WITHHELD_TEXT } from '../common/labels';
import { errorCode } from '../common/errors';
import { NotFound } from '../common/NotFound';
import { PageTitle } from '../common/PageTitle';
import { QueryState } from '../common/QueryState';
import { getFragmentData } from '../gql';
import { ResponseQuery } from './responses.graphql';

const SOURCE: Record<ResponseSource, string> = {
  [ResponseSource.STAFF]: 'Entered by staff',
  [ResponseSource.PARTNER_API]: 'Sent by a partner organisation',
  [ResponseSource.IMPORT]: 'Imported',
  [ResponseSource.QUESTIONNAIRE]: 'Sent by the resident through the online questionnaire',
};

const languages = new Intl.DisplayNames('en-GB', { type: 'language' });
const languageName = (tag: string) => {
  try {
    return languages.of(tag) ?? tag;
  } catch {
    return tag;
  }
};

export default function ResponsePage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const analyst = can(Permission.CodingRead);
  const { data, loading, error, refetch } = useQuery(ResponseQuery, { variables: { id, withCodings: analyst } });
  const response = data?.response;
  const codings = getFragmentData(CodingListItemFragment, response?.codings ?? []);
  if (errorCode(error) === 'NOT_FOUND')
    return <NotFound record="response" backTo="/responses" backLabel="All responses" />;

  return (
    <>
      <PageTitle title="Response">Response</PageTitle>
      <Anchor component={Link} to="/responses" size="sm" mb="md" display="inline-block">
        All responses
      </Anchor>
      <QueryState loading={loading && !response} error={error} onRetry={() => refetch()}>
        {response && (
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: analyst ? 7 : 12 }}>
              <Stack>
                <Paper withBorder p="md">
                  <Group justify="space-between" mb="sm">
                    <Badge variant="light">{LABELS.prompt[response.prompt]}</Badge>
                    {analyst && (
                      <Button component={Link} to={`/coding?response=${response.id}`} size="xs">
                        Code this response
                      </Button>
                    )}
                  </Group>
                  <Text fz="lg" lh={1.7} style={{ whiteSpace: 'pre-wrap' }}>
                    {response.text === null ? (
                      <em>{WITHHELD_TEXT}</em>
                    ) : (
                      <MarkedText text={response.text} excerpts={codings.map((c) => c.excerpt)} />
                    )}
                  </Text>
                  {codings.some((c) => c.excerpt) && (
                    <Text size="xs" c="dimmed" mt="xs">
                      Marked passages are coded excerpts.
                    </Text>
                  )}
                </Paper>
                <section aria-labelledby="about-heading">
                  <Title order={2} size="h4" mb="xs" id="about-heading">
                    About this response
                  </Title>
                  <Table variant="vertical" withTableBorder layout="fixed">
                    <Table.Tbody>
                      <Table.Tr>
                        <Table.Th w={160}>Session</Table.Th>
                        <Table.Td>
                          <Anchor component={Link} to={`/sessions/${response.session.id}`}>
                            {response.session.title}
                          </Anchor>
                          {response.session.area ? `, ${response.session.area.name}` : ''}
                        </Table.Td>
                      </Table.Tr>
                      <Table.Tr>
                        <Table.Th>Participant</Table.Th>
                        <Table.Td>
                          {!response.participant ? (
                            'None: group notes'
                          ) : can(Permission.ParticipantRead) ? (
                            <Anchor component={Link} to={`/participants/${response.participant.id}`}>
                              {response.participant.code}
                            </Anchor>
                          ) : (
                            response.participant.code
                          )}
                        </Table.Td>
                      </Table.Tr>
                      <Table.Tr>
                        <Table.Th>Themes</Table.Th>
                        <Table.Td>
                          {response.themes.length ? response.themes.map(themePathLabel).join('; ') : 'Not coded yet'}
                        </Table.Td>
                      </Table.Tr>
                      <Table.Tr>
                        <Table.Th>Recorded</Table.Th>
                        <Table.Td>{formatDateTime(response.createdAt)}</Table.Td>
                      </Table.Tr>
                      <Table.Tr>
                        <Table.Th>Language</Table.Th>
                        <Table.Td>{languageName(response.language)}</Table.Td>
                      </Table.Tr>
                      <Table.Tr>
                        <Table.Th>Source</Table.Th>
                        <Table.Td>{SOURCE[response.source]}</Table.Td>
                      </Table.Tr>
                    </Table.Tbody>
                  </Table>
                </section>
              </Stack>
            </Grid.Col>
            {analyst && response.codings && (
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Paper withBorder p="md">
                  <CodingList responseId={response.id} codings={response.codings} />
                </Paper>
              </Grid.Col>
            )}
          </Grid>
        )}
      </QueryState>
    </>
  );
}
