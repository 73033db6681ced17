import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { BuildProgress } from './BuildProgress';
import { BoardReportProgressQuery } from './reports.graphql';

const answer = (report: Record<string, unknown>) => ({
  request: { query: BoardReportProgressQuery, variables: { version: 3 } },
  result: {
    data: {
      boardReport: {
        __typename: 'BoardReport',
        version: 3,
        figureCount: null,
        quoteCount: null,
        quotesLeftOut: null,
        builtAt: null,
        ...report,
      },
    },
  },
});

const bar = () => screen.getByRole('progressbar', { name: 'Building version 3' });

describe('BuildProgress', () => {
  it('follows the build by reading it again until it is ready, then stops and says what it made', async () => {
    const onSettled = vi.fn();
    const ready = vi.fn(
      () =>
        answer({
          status: 'READY',
          progress: 100,
          stage: 'Built',
          figureCount: 412,
          quoteCount: 5,
          quotesLeftOut: 1,
          builtAt: '2026-12-03T06:00:00.000Z',
        }).result,
    );
    renderWithProviders(<BuildProgress version={3} onSettled={onSettled} pollMs={50} />, {
      mocks: [
        answer({ status: 'BUILDING', progress: 10, stage: 'Reading release 2' }),
        answer({ status: 'BUILDING', progress: 30, stage: 'Checking consent for every approved quote' }),
        // Answers every read after it: a poll that went on would be seen here.
        { ...answer({}), result: ready, maxUsageCount: 100 },
      ],
    });
    expect(await screen.findByText('Building version 3: Reading release 2 (10 %)')).toBeInTheDocument();
    expect(bar()).toHaveAttribute('aria-valuenow', '10');
    expect(
      await screen.findByText('Building version 3: Checking consent for every approved quote (30 %)'),
    ).toBeInTheDocument();
    expect(bar()).toHaveAttribute('aria-valuenow', '30');
    expect(
      await screen.findByText('Version 3 is ready: 412 figures, 5 quotes, 1 left out: consent withdrawn.'),
    ).toBeInTheDocument();
    expect(bar()).toHaveAttribute('aria-valuenow', '100');
    expect(bar()).toHaveAttribute(
      'aria-valuetext',
      'Version 3 is ready: 412 figures, 5 quotes, 1 left out: consent withdrawn.',
    );
    await vi.waitFor(() => expect(onSettled).toHaveBeenCalledTimes(1));
    // No further reading once it is ready.
    await new Promise((r) => setTimeout(r, 300));
    expect(ready).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a failed build as an error, in the server’s words', async () => {
    const onSettled = vi.fn();
    renderWithProviders(<BuildProgress version={3} onSettled={onSettled} pollMs={50} />, {
      mocks: [
        answer({ status: 'BUILDING', progress: 50, stage: 'Drawing the charts and the web page' }),
        answer({ status: 'FAILED', progress: 50, stage: 'The build failed; build again' }),
      ],
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The build failed');
    expect(alert).toHaveTextContent('Version 3 could not be built. The build failed; build again');
    expect(bar()).toHaveAttribute('aria-valuenow', '50');
    await vi.waitFor(() => expect(onSettled).toHaveBeenCalledTimes(1));
  });
});
