import { Prompt } from '@chorus/shared';
import { describe, expect, it } from 'vitest';
import { filterFromParams, searchedWords, withFilter } from './responseFilters';

describe('filterFromParams', () => {
  it('reads every filter from the address', () => {
    const params = new URLSearchParams(
      'q=+bus+stop+&prompt=CHALLENGES&session=s1&participant=p1&area=a1&theme=t1&uncoded=true',
    );
    expect(filterFromParams(params)).toEqual({
      search: 'bus stop',
      prompt: Prompt.CHALLENGES,
      sessionId: 's1',
      participantId: 'p1',
      areaId: 'a1',
      themeId: 't1',
      uncoded: true,
    });
  });

  it('leaves out what is empty or not recognised', () => {
    expect(filterFromParams(new URLSearchParams('q=%20&prompt=WEATHER&uncoded=yes&theme='))).toEqual({});
  });
});

describe('withFilter', () => {
  it('sets and removes one filter, keeping the others', () => {
    const params = new URLSearchParams('q=parks&theme=t1');
    expect(withFilter(params, 'uncoded', true).toString()).toBe('q=parks&theme=t1&uncoded=true');
    expect(withFilter(params, 'themeId', null).toString()).toBe('q=parks');
    expect(withFilter(params, 'search', '').toString()).toBe('theme=t1');
  });
});

describe('searchedWords', () => {
  it('takes the words and phrase words, not the exclusions', () => {
    expect(searchedWords('"bus stop" late -litter a')).toEqual(['bus', 'stop', 'late']);
    expect(searchedWords(undefined)).toEqual([]);
  });
});
