import { Dimension, Measure, RELEASE_TABLES, type TableSpec } from '../disclosure/index.js';

/** A table every release holds, with the name exports use for it. */
export interface NamedTable {
  name: string;
  title: string;
  position: number;
  spec: TableSpec;
}

const slug = (dimension: Dimension) => dimension.toLowerCase().replace(/_/g, '-');
const words = (dimension: Dimension) => dimension.toLowerCase().replace(/_/g, ' ');

/** `themes-by-area`, `theme-participants-by-month`, `responses-by-area-and-age-band`, … */
function nameOf(spec: TableSpec): string {
  if (spec.columns === Dimension.THEME) {
    return `${spec.measure === Measure.RESPONSES ? 'themes' : 'theme-participants'}-by-${slug(spec.rows)}`;
  }
  return `${spec.measure.toLowerCase().replace(/_/g, '-')}-by-${slug(spec.rows)}-and-${slug(spec.columns)}`;
}

function titleOf(spec: TableSpec): string {
  if (spec.columns === Dimension.THEME) {
    return spec.measure === Measure.RESPONSES
      ? `Responses coded to each theme, by ${words(spec.rows)}`
      : `People whose responses were coded to each theme, by ${words(spec.rows)}`;
  }
  const what = {
    [Measure.RESPONSES]: 'Responses',
    [Measure.PARTICIPANTS]: 'People heard',
    [Measure.CODED_RESPONSES]: 'Responses coded to a theme',
    [Measure.SESSIONS]: 'Sessions held',
  }[spec.measure];
  return `${what} by ${words(spec.rows)} and ${words(spec.columns)}`;
}

/** The disclosure module's release tables, named once; a filtered table would need its filter in the name. */
export const NAMED_TABLES: readonly NamedTable[] = RELEASE_TABLES.map((spec, position) => {
  if (spec.filter && Object.values(spec.filter).some((value) => value !== null && value !== undefined)) {
    throw new TypeError('a release table with a filter needs the filter in its export name');
  }
  return { name: nameOf(spec), title: titleOf(spec), position, spec };
});

if (new Set(NAMED_TABLES.map((t) => t.name)).size !== NAMED_TABLES.length) {
  throw new TypeError('two release tables share an export name');
}

export const TABLE_NAMES: readonly string[] = NAMED_TABLES.map((t) => t.name);
