import { SessionFormat, SessionStatus } from '@chorus/shared';
import { useSearchParams } from 'react-router';
import type { SessionFilter } from '../gql/graphql';
import { dateInputToIso } from './localTime';

/** The list's filters as the inputs hold them; dates are `YYYY-MM-DD`, empty strings mean "any". */
export interface SessionFilterValues {
  formats: SessionFormat[];
  statuses: SessionStatus[];
  areaId: string;
  organisationId: string;
  from: string;
  to: string;
  search: string;
}

// Short, readable names in the address, so a filtered list can be bookmarked or shared.
const PARAM = {
  formats: 'format',
  statuses: 'status',
  areaId: 'area',
  organisationId: 'organisation',
  from: 'from',
  to: 'to',
  search: 'q',
} as const satisfies Record<keyof SessionFilterValues, string>;

const FORMATS: string[] = Object.values(SessionFormat);
const STATUSES: string[] = Object.values(SessionStatus);
const isFormat = (value: string): value is SessionFormat => FORMATS.includes(value);
const isStatus = (value: string): value is SessionStatus => STATUSES.includes(value);

function read(params: URLSearchParams): SessionFilterValues {
  return {
    formats: params.getAll(PARAM.formats).filter(isFormat),
    statuses: params.getAll(PARAM.statuses).filter(isStatus),
    areaId: params.get(PARAM.areaId) ?? '',
    organisationId: params.get(PARAM.organisationId) ?? '',
    from: params.get(PARAM.from) ?? '',
    to: params.get(PARAM.to) ?? '',
    search: params.get(PARAM.search) ?? '',
  };
}

function write(values: SessionFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const format of values.formats) params.append(PARAM.formats, format);
  for (const status of values.statuses) params.append(PARAM.statuses, status);
  for (const key of ['areaId', 'organisationId', 'from', 'to', 'search'] as const) {
    const value = values[key].trim();
    if (value) params.set(PARAM[key], value);
  }
  return params;
}

/** The server's filter: the "to" date counts in full, so it ends at the next day's midnight. */
function toSessionFilter(values: SessionFilterValues): SessionFilter {
  const from = dateInputToIso(values.from);
  const to = dateInputToIso(values.to, 1);
  const search = values.search.trim();
  return {
    ...(values.formats.length ? { formats: values.formats } : {}),
    ...(values.statuses.length ? { statuses: values.statuses } : {}),
    ...(values.areaId ? { areaId: values.areaId } : {}),
    ...(values.organisationId ? { organisationId: values.organisationId } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(search ? { search } : {}),
  };
}

/**
 * The sessions list's filters, kept in the address so back, forward and reload keep them. Each
 * change is a history entry: "back" undoes the last filter.
 */
export function useSessionFilters() {
  const [params, setParams] = useSearchParams();
  const values = read(params);
  const filter = toSessionFilter(values);
  return {
    values,
    filter,
    /** Changes whenever the filter does: the list goes back to its first page. */
    key: JSON.stringify(filter),
    active: Object.keys(filter).length > 0,
    update: (changes: Partial<SessionFilterValues>) => setParams(write({ ...values, ...changes })),
    clear: () => setParams(new URLSearchParams()),
  };
}
