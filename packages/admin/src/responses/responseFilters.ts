import { Prompt } from '@chorus/shared';
import type { ResponseFilter } from '../gql/graphql';

/** Each filter's name in the address, so a filtered list can be bookmarked and linked to. */
export const FILTER_PARAMS = {
  search: 'q',
  prompt: 'prompt',
  sessionId: 'session',
  participantId: 'participant',
  areaId: 'area',
  themeId: 'theme',
  uncoded: 'uncoded',
} as const satisfies Record<keyof ResponseFilter, string>;

export type FilterName = keyof typeof FILTER_PARAMS;

const isPrompt = (value: string | null): value is Prompt =>
  value !== null && (Object.values(Prompt) as string[]).includes(value);

/** A response filter as the list uses it: each condition present only when it narrows. */
export interface ListFilter {
  search?: string;
  prompt?: Prompt;
  sessionId?: string;
  participantId?: string;
  areaId?: string;
  themeId?: string;
  uncoded?: true;
}

/** The list's filter as the address gives it; anything unrecognised is left out rather than sent. */
export function filterFromParams(params: URLSearchParams): ListFilter {
  const filter: ListFilter = {};
  for (const name of ['search', 'sessionId', 'participantId', 'areaId', 'themeId'] as const) {
    const value = params.get(FILTER_PARAMS[name])?.trim();
    if (value) filter[name] = value;
  }
  const prompt = params.get(FILTER_PARAMS.prompt);
  if (isPrompt(prompt)) filter.prompt = prompt;
  if (params.get(FILTER_PARAMS.uncoded) === 'true') filter.uncoded = true;
  return filter;
}

/** The address with one filter changed; null or false removes it. */
export function withFilter(params: URLSearchParams, name: FilterName, value: string | boolean | null): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value === null || value === false || value === '') next.delete(FILTER_PARAMS[name]);
  else next.set(FILTER_PARAMS[name], String(value));
  return next;
}

/** Words a search asks for (not its -exclusions), to mark in the results. */
export function searchedWords(search: string | undefined): string[] {
  return (search ?? '')
    .replace(/"/g, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 1 && !word.startsWith('-'));
}
