import { useQuery } from '@apollo/client/react';
import { PARTICIPANT_CODE_LENGTH } from '@chorus/shared';
import { Button, Group, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../common/PageTitle';
import { Pager } from '../common/Pager';
import { QueryState } from '../common/QueryState';
import { usePages } from '../common/usePages';
import { normaliseCode } from './participantCode';
import { ParticipantsListQuery } from './participants.graphql';
import { ParticipantsTable } from './ParticipantsTable';

const PAGE_SIZE = 25;

function CodeSearch({ code, onSearch }: { code: string; onSearch: (code: string) => void }) {
  const [typed, setTyped] = useState(code);
  const [problem, setProblem] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  // The box follows the address when it changes underneath (back and forward buttons).
  const [searched, setSearched] = useState(code);
  if (searched !== code) {
    setSearched(code);
    setTyped(code);
    setProblem(undefined);
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalised = normaliseCode(typed);
    if (normalised.length !== PARTICIPANT_CODE_LENGTH) {
      setProblem(`A participant code has ${PARTICIPANT_CODE_LENGTH} characters`);
      input.current?.focus();
      return;
    }
    setProblem(undefined);
    onSearch(normalised);
  };
  const clear = () => {
    onSearch('');
    // The button pressed goes with the search; the keyboard stays in the box, ready for another code.
    input.current?.focus();
  };

  return (
    <form onSubmit={submit} noValidate role="search" aria-label="Find a participant">
      <TextInput
        ref={input}
        label="Participant code"
        description="As written on their form; case and spaces do not matter"
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        error={problem}
        autoComplete="off"
        spellCheck={false}
        mb="md"
        maw={520}
        // The buttons sit beside the box itself, whatever the description or error above and below.
        inputContainer={(box) => (
          <Group gap="xs" wrap="nowrap">
            <div style={{ flex: 1 }}>{box}</div>
            <Button type="submit">Find</Button>
            {code && (
              <Button variant="default" onClick={clear}>
                Show everyone
              </Button>
            )}
          </Group>
        )}
      />
    </form>
  );
}

export default function ParticipantsPage() {
  const [params, setParams] = useSearchParams();
  const code = params.get('code') ?? '';
  const pages = usePages(code);
  const { data, loading, error, refetch } = useQuery(ParticipantsListQuery, {
    variables: { filter: code ? { code } : null, first: PAGE_SIZE, after: pages.after },
  });
  const participants = data?.participants;

  return (
    <>
      <PageTitle title="Participants">Participants</PageTitle>
      <CodeSearch code={code} onSearch={(next) => setParams(next ? { code: next } : {})} />
      <QueryState
        loading={loading && !participants}
        error={error}
        onRetry={() => refetch()}
        empty={participants?.totalCount === 0}
        emptyTitle={code ? `No participant has the code ${code}` : 'No participants yet'}
        emptyText={
          code
            ? 'Check the code on their form. Someone whose record was erased cannot be found.'
            : 'Participants appear here once they are registered at a session.'
        }
      >
        {participants && (
          <>
            <ParticipantsTable
              participants={participants.edges.map((edge) => edge.node)}
              caption={code ? `Participants with the code ${code}` : 'Participants, newest first'}
            />
            <Pager connection={participants} pages={pages} pageSize={PAGE_SIZE} label="Participant pages" />
          </>
        )}
      </QueryState>
    </>
  );
}
