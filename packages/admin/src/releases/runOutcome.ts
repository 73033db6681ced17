import type { ReleaseRunOutcome } from '../gql/graphql';

interface Run {
  outcome: ReleaseRunOutcome;
  changedPeople?: number | null;
  release?: { version: number } | null;
}

const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);

export const OUTCOME_LABEL: Record<ReleaseRunOutcome, string> = {
  PUBLISHED: 'Built',
  UNCHANGED: 'Skipped',
  HELD: 'Held',
  FAILED: 'Failed',
  RUNNING: 'Running',
};

/** What a scheduled run did and why, in words; `minimum` is the schedule's change threshold. */
export function describeRun(run: Run, minimum: number): string {
  const changed = run.changedPeople ?? null;
  switch (run.outcome) {
    case 'PUBLISHED': {
      const built = run.release ? `Built release ${run.release.version}` : 'Built a release';
      return changed === null ? `${built}, the first` : `${built}: ${people(changed)} changed since the last release`;
    }
    case 'UNCHANGED':
      return 'Skipped: no figure changed since the last release';
    case 'HELD':
      return `Held: ${people(changed ?? 0)} changed since the last release; at least ${minimum} needed`;
    case 'FAILED':
      return 'Failed: the release could not be built';
    case 'RUNNING':
      return 'Building now';
  }
}
