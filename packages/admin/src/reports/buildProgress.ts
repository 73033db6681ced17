import type { ReportStatus } from '../gql/graphql';

interface Build {
  version: number;
  status: ReportStatus;
  progress: number;
  stage: string | null;
  figureCount?: number | null;
  quoteCount?: number | null;
  quotesLeftOut?: number | null;
}

export interface BuildState {
  /** 0 to 100, as the progress bar shows it. */
  value: number;
  /** What a person reads beside the bar, and a screen reader hears as its value. */
  text: string;
  done: boolean;
  failed: boolean;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Where a build is, in words: the server's stage while it runs, what it made once READY, why it stopped once FAILED. */
export function buildState(build: Build): BuildState {
  const value = Math.max(0, Math.min(100, Math.round(build.progress)));
  switch (build.status) {
    case 'BUILDING':
      return {
        value,
        text: `Building version ${build.version}: ${build.stage ?? 'starting'} (${value} %)`,
        done: false,
        failed: false,
      };
    case 'READY': {
      const leftOut = build.quotesLeftOut ?? 0;
      const parts = [
        count(build.figureCount ?? 0, 'figure', 'figures'),
        count(build.quoteCount ?? 0, 'quote', 'quotes'),
        ...(leftOut ? [`${leftOut} left out: consent withdrawn`] : []),
      ];
      return { value: 100, text: `Version ${build.version} is ready: ${parts.join(', ')}.`, done: true, failed: false };
    }
    case 'FAILED':
      return {
        value,
        text: `Version ${build.version} could not be built. ${build.stage ?? 'Build it again.'}`,
        done: false,
        failed: true,
      };
  }
}
