import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { BuildReportPanel } from './BuildReportPanel';
import { ReportReleasesQuery } from './reports.graphql';

const releases = (...nodes: { version: number; status: string; publishedAt: string | null }[]) => ({
  request: { query: ReportReleasesQuery, variables: { first: 50 } },
  result: {
    data: {
      releases: {
        __typename: 'ReleaseConnection',
        edges: nodes.map((node) => ({ __typename: 'ReleaseEdge', node: { __typename: 'Release', ...node } })),
      },
    },
  },
});

const panel = (mayPublishRelease: boolean, mock: ReturnType<typeof releases>) =>
  renderWithProviders(
    <BuildReportPanel
      tracking={null}
      mayPublishRelease={mayPublishRelease}
      onRequested={() => {}}
      onSettled={() => {}}
    />,
    { mocks: [mock] },
  );

describe('BuildReportPanel', () => {
  it('explains that a report needs a published release, and leads a coordinator to the releases screen', async () => {
    panel(true, releases({ version: 1, status: 'BUILDING', publishedAt: null }));
    expect(await screen.findByText('No published release yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Publish a release on the Releases screen' })).toHaveAttribute(
      'href',
      '/releases',
    );
    expect(screen.queryByRole('button', { name: 'Build report' })).not.toBeInTheDocument();
  });

  it('tells an analyst to ask a coordinator', async () => {
    panel(false, releases());
    expect(await screen.findByText(/Ask a coordinator to publish one/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Publish a release/ })).not.toBeInTheDocument();
  });

  it('offers only published releases, the newest chosen', async () => {
    panel(
      true,
      releases(
        { version: 3, status: 'FAILED', publishedAt: null },
        { version: 2, status: 'PUBLISHED', publishedAt: '2026-12-02T09:00:00.000Z' },
        { version: 1, status: 'PUBLISHED', publishedAt: '2026-12-01T09:00:00.000Z' },
      ),
    );
    const select = await screen.findByRole('combobox', { name: 'Release to build from' });
    expect(select).toHaveValue('2');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Release 2, published 2 Dec 2026', 'Release 1, published 1 Dec 2026']);
    expect(screen.getByRole('button', { name: 'Build report' })).toBeInTheDocument();
  });
});
