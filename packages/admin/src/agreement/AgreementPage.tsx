import { useQuery } from '@apollo/client/react';
import { Role, ROLE_PERMISSIONS, Permission } from '@chorus/shared';
import {
  Alert,
  Anchor,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { formErrors } from '../common/errors';
import { runAsync } from '../common/handle';
import { formatDateTime } from '../common/labels';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { SuccessNotice } from '../common/SuccessNotice';
import { usePages } from '../common/usePages';
import { AgreementCodersQuery, AgreementOverviewQuery } from './agreement.graphql';
import { formatAgreement, METHOD_LABEL } from './agreementFormat';
import { useDrawAgreementSample } from './useAgreementActions';

const PAGE_SIZE = 10;
/** Roles whose users may be given blind codings, from the one permission table. */
const CODER_ROLES = Object.values(Role).filter((role) => ROLE_PERMISSIONS[role].includes(Permission.AgreementCode));

export default function AgreementPage() {
  const pages = usePages('samples');
  const { data, loading, error, refetch } = useQuery(AgreementOverviewQuery, {
    variables: { first: PAGE_SIZE, after: pages.after },
  });
  const samples = data?.agreementSamples;
  const figures = data?.agreement;
  return (
    <>
      <PageTitle title="Agreement between coders">Agreement between coders</PageTitle>
      <Stack gap="lg">
        <DrawSampleForm />
        <Paper withBorder p="md" component="section" aria-labelledby="agreement-heading">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4" id="agreement-heading">
              Agreement per theme
            </Title>
            <Anchor component={Link} to="/agreement/review">
              Disagreement review
            </Anchor>
          </Group>
          <QueryState
            loading={loading && !data}
            error={error}
            onRetry={() => refetch()}
            empty={!figures || figures.items === 0}
            emptyTitle="No agreement figures yet"
            emptyText="Figures appear once a blind coder has submitted a coding of a sampled response."
          >
            {figures && (
              <>
                <Text size="sm" mb="sm">
                  {METHOD_LABEL[figures.method]} over {figures.items} sampled{' '}
                  {figures.items === 1 ? 'response' : 'responses'}, up to {figures.coders} codings each; 1 is perfect
                  agreement, 0 no better than chance. {figures.disagreements} with a disagreement, {figures.settled}{' '}
                  settled.
                </Text>
                <Table striped withTableBorder aria-labelledby="agreement-heading">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Theme</Table.Th>
                      <Table.Th scope="col">Statistic</Table.Th>
                      <Table.Th scope="col" ta="right">
                        Value
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        Items (n)
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        Agreed
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    <Table.Tr fw={600}>
                      <Table.Th scope="row">Overall</Table.Th>
                      <Table.Td>{METHOD_LABEL[figures.method]}</Table.Td>
                      <Table.Td ta="right">{formatAgreement(figures.value)}</Table.Td>
                      <Table.Td ta="right">{figures.items}</Table.Td>
                      <Table.Td ta="right">–</Table.Td>
                    </Table.Tr>
                    {figures.themes.map((row) => (
                      <Table.Tr key={row.theme?.id ?? row.items}>
                        <Table.Th scope="row" fw={400}>
                          {row.theme?.name ?? 'A theme since removed'}
                        </Table.Th>
                        <Table.Td>{METHOD_LABEL[row.method]}</Table.Td>
                        <Table.Td ta="right">{formatAgreement(row.value)}</Table.Td>
                        <Table.Td ta="right">{row.items}</Table.Td>
                        <Table.Td ta="right">{row.agreedItems}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            )}
          </QueryState>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="samples-heading">
          <Title order={2} size="h4" mb="xs" id="samples-heading">
            Samples drawn
          </Title>
          <QueryState
            loading={loading && !data}
            error={error}
            onRetry={() => refetch()}
            empty={samples?.totalCount === 0}
            emptyTitle="No sample drawn yet"
            emptyText="Draw one above: the coders you choose will find it under Blind coding."
          >
            {samples && (
              <>
                <Table withTableBorder aria-labelledby="samples-heading">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Drawn</Table.Th>
                      <Table.Th scope="col">Share and seed</Table.Th>
                      <Table.Th scope="col">Blind coders</Table.Th>
                      <Table.Th scope="col" ta="right">
                        Responses
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        Blind codings done
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        Settled
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {samples.edges.map(({ node }) => (
                      <Table.Tr key={node.id}>
                        <Table.Td>
                          {formatDateTime(node.drawnAt)}
                          {node.drawnBy ? ` by ${node.drawnBy}` : ''}
                        </Table.Td>
                        <Table.Td>
                          {node.percentage} % · seed {node.seed}
                        </Table.Td>
                        <Table.Td>{node.coders.join(', ')}</Table.Td>
                        <Table.Td ta="right">{node.items}</Table.Td>
                        <Table.Td ta="right">
                          {node.blindCodingsSubmitted} of {node.blindCodings}
                        </Table.Td>
                        <Table.Td ta="right">{node.settled}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Pager connection={samples} pages={pages} pageSize={PAGE_SIZE} label="Samples pages" />
              </>
            )}
          </QueryState>
        </Paper>
      </Stack>
    </>
  );
}

function DrawSampleForm() {
  const coders = useQuery(AgreementCodersQuery, { variables: { roles: CODER_ROLES } });
  const options = (coders.data?.users.edges ?? [])
    .map(({ node }) => node)
    .filter((user) => !user.disabledAt)
    .map((user) => ({ value: user.id, label: user.displayName }));
  const [draw, state] = useDrawAgreementSample();
  const [percentage, setPercentage] = useState<number | string>(10);
  const [seed, setSeed] = useState<number | string>('');
  const [coderIds, setCoderIds] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = formErrors(state.error);
  const coderError =
    errors.fields.coderIds ?? Object.entries(errors.fields).find(([f]) => f.startsWith('coderIds.'))?.[1];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    try {
      const sample = await draw({
        percentage: Number(percentage),
        seed: seed === '' ? null : Number(seed),
        coderIds,
      });
      if (sample) {
        setNotice(`Drew ${sample.items} ${sample.items === 1 ? 'response' : 'responses'} (seed ${sample.seed}).`);
        setCoderIds([]);
      }
    } catch {
      // shown beside the fields, or above the form
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="draw-heading">
      <Title order={2} size="h4" mb="xs" id="draw-heading">
        Draw a sample for blind double coding
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Takes this share of each prompt's coded responses, rounded up, that no sample took before. The coders you name
        code them without seeing their coding; nobody recodes a response they coded.
      </Text>
      <form onSubmit={(event) => runAsync(submit(event))} noValidate aria-labelledby="draw-heading">
        <Stack>
          {errors.form && (
            <Alert color="red" role="alert">
              {errors.form}
            </Alert>
          )}
          {notice && <SuccessNotice message={notice} />}
          <Group align="flex-start" grow>
            <NumberInput
              label="Share of each prompt (%)"
              value={percentage}
              onChange={setPercentage}
              min={0.01}
              max={100}
              decimalScale={2}
              error={errors.fields.percentage}
              required
            />
            <NumberInput
              label="Seed (optional)"
              description="The same seed draws the same sample"
              value={seed}
              onChange={setSeed}
              min={0}
              max={2147483647}
              allowDecimal={false}
              error={errors.fields.seed}
            />
          </Group>
          {coders.error ? (
            <Alert color="red" role="alert" title="The coders could not be loaded">
              <Button size="xs" variant="light" color="red" onClick={() => runAsync(coders.refetch())}>
                Try again
              </Button>
            </Alert>
          ) : (
            <MultiSelect
              label="Blind coders"
              description="Type to filter by name; choose one or more."
              placeholder={coders.loading ? 'Loading coders…' : 'Choose coders'}
              data={options}
              value={coderIds}
              onChange={setCoderIds}
              error={coderError}
              searchable
              disabled={coders.loading}
              nothingFoundMessage="No coder matches"
            />
          )}
          <Group>
            <Button type="submit" loading={state.loading}>
              Draw sample
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
