import { useQuery } from '@apollo/client/react';
import { Box, Paper, Stack, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { SuccessNotice } from '../common/SuccessNotice';
import { usePages } from '../common/usePages';
import { ApiKeysListQuery } from './administration.graphql';
import { ApiKeysTable } from './ApiKeysTable';
import { CreateApiKeyForm, type NewApiKey } from './CreateApiKeyForm';
import { NewApiKeyPanel } from './NewApiKeyPanel';
import { RevokeApiKeyModal } from './RevokeApiKeyModal';

const PAGE_SIZE = 25;

export default function ApiKeysPage() {
  const pages = usePages('api-keys');
  const { data, loading, error, refetch } = useQuery(ApiKeysListQuery, {
    variables: { first: PAGE_SIZE, after: pages.after },
  });
  // Held in this page's state only: gone on leaving or reloading, as the server cannot give it again.
  const [created, setCreated] = useState<NewApiKey | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; label: string } | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const apiKeys = data?.apiKeys;
  const keysHeading = useRef<HTMLHeadingElement>(null);
  const storedKey = () => {
    setCreated(null);
    // The panel that had focus is gone; carry on at the list, where the new key now is.
    keysHeading.current?.focus();
  };

  return (
    <>
      <PageTitle title="API keys">API keys</PageTitle>
      <Stack gap="xl">
        {created && <NewApiKeyPanel created={created} onDone={storedKey} />}
        <Paper withBorder p="md" component="section" aria-labelledby="create-key-heading">
          <Title order={2} size="h3" id="create-key-heading" mb="sm">
            Create a key
          </Title>
          <CreateApiKeyForm onCreated={setCreated} />
        </Paper>
        <section aria-labelledby="keys-heading">
          <Title order={2} size="h3" id="keys-heading" mb="sm" ref={keysHeading} tabIndex={-1}>
            Keys
          </Title>
          {revoked && (
            <Box mb="sm">
              <SuccessNotice message={`“${revoked}” is revoked. Requests with it are refused.`} />
            </Box>
          )}
          <QueryState
            loading={loading && !apiKeys}
            error={error}
            onRetry={() => refetch()}
            empty={apiKeys?.totalCount === 0}
            emptyTitle="No API keys yet"
            emptyText="Partners and council systems each need a key to use the API."
          >
            {apiKeys && (
              <>
                <ApiKeysTable apiKeys={apiKeys.edges.map((edge) => edge.node)} onRevoke={setRevoking} />
                <Pager connection={apiKeys} pages={pages} pageSize={PAGE_SIZE} label="API key pages" />
              </>
            )}
          </QueryState>
        </section>
      </Stack>
      <RevokeApiKeyModal
        apiKey={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={(label) => {
          setRevoking(null);
          setRevoked(label);
        }}
      />
    </>
  );
}
