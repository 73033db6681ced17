import { Prompt, PROMPT_QUESTIONS } from '@chorus/shared';
import { AgreementMethod, type AgreementFigures } from '../agreement/agreement.service.js';
import { ReleaseCellKind, type ReleaseCell } from '../releases/release.entity.js';
import { ReportSection } from './report.entity.js';

/** Where a printed figure comes from: a table of the release and the cell's position in it (its export order). */
export interface CellRef {
  table: string;
  cell: number;
}

/** A figure exactly as the release holds it: its value, or withheld. */
export interface Figure {
  value: number | null;
  suppressed: boolean;
  ref: CellRef;
}

export interface ChartRow {
  label: string;
  figure: Figure;
  /** Census population of the area (reference data, not a released figure); REACH charts only. */
  population?: number | null;
}

export interface Chart {
  kind: 'BARS' | 'REACH' | 'LINE';
  title: string;
  /** What the numbers count. */
  measure: string;
  rows: ChartRow[];
}

export interface Fact {
  label: string;
  figure: Figure;
}

/** A grid of a crossed release table (rows × columns), printed as it is. */
export interface Grid {
  title: string;
  table: string;
  columns: string[];
  rows: { label: string; figures: Figure[] }[];
}

/**
 * A table of figures Chorus measured itself, not taken from the release: statistics about the
 * coding work (agreement between coders), never a count of people. Printed as it is.
 */
export interface PlainTable {
  title: string;
  columns: string[];
  rows: string[][];
}

export interface DocumentSection {
  key: ReportSection;
  title: string;
  /** The question asked, for a prompt's section. */
  question: string | null;
  narrative: string;
  facts: Fact[];
  charts: Chart[];
  grids: Grid[];
  /** Absent from documents stored before these tables were added. */
  tables?: PlainTable[];
  /** Plain paragraphs Chorus writes (the methods). */
  paragraphs: string[];
  /** The register entries of the quotes printed here, in order. */
  quoteIds: string[];
}

/**
 * A built version of the report, without any quote's words: those are read from the register when
 * the files are rendered, so an erasure or a withdrawal leaves no copy of them here.
 */
export interface ReportDocument {
  version: number;
  builtAt: string;
  release: {
    version: number;
    contentHash: string | null;
    threshold: number | null;
    method: string | null;
    snapshotAt: string | null;
  };
  sections: DocumentSection[];
  /** Every release table a figure was taken from. */
  tablesUsed: string[];
  figureCount: number;
  /** Approved quotes left out at build time: register entry (null once the quote is erased) and why. */
  leftOut: { quoteId: string | null; reason: string }[];
}

/**
 * A version's document once these quotes are erased: no section lists them, and a quote left out
 * stays counted without its id.
 */
export function withoutQuotes(document: ReportDocument, erased: ReadonlySet<string>): ReportDocument {
  return {
    ...document,
    sections: document.sections.map((s) => ({ ...s, quoteIds: s.quoteIds.filter((id) => !erased.has(id)) })),
    leftOut: document.leftOut.map((q) => (q.quoteId && erased.has(q.quoteId) ? { ...q, quoteId: null } : q)),
  };
}

/** A quote as printed, read from the register at render time. */
export interface PrintedQuote {
  quoteId: string;
  prompt: Prompt;
  text: string;
  attribution: string;
}

/** The release tables the report reads, by their export names (releases/release-tables.ts). */
export const REPORT_TABLES = {
  themesByPrompt: 'themes-by-prompt',
  peopleByPrompt: 'theme-participants-by-prompt',
  themesByMonth: 'themes-by-month',
  peopleByArea: 'theme-participants-by-area',
  responsesByFormat: 'themes-by-format',
  peopleByAreaAndFormat: 'participants-by-area-and-format',
  sessionsByAreaAndFormat: 'sessions-by-area-and-format',
  responsesByAreaAndPrompt: 'responses-by-area-and-prompt',
  codedByAreaAndPrompt: 'coded-responses-by-area-and-prompt',
} as const;

export const SECTION_TITLES: Record<ReportSection, string> = {
  [ReportSection.OVERVIEW]: 'Who we heard',
  [ReportSection.VALUES]: 'What people value',
  [ReportSection.BELONGING]: 'Belonging',
  [ReportSection.CHALLENGES]: 'Challenges and barriers',
  [ReportSection.FUTURE]: 'The future people want',
  [ReportSection.WHAT_WORKS]: 'What works, and what more is needed',
  [ReportSection.METHODS]: 'How this report was made',
};

/**
 * How the coding work was done, read from Chorus's own tables at build time (the sessions held and
 * the responses coded are the release's cells). None of these is a count of people: themes are the
 * codebook's entries, and the share is of coding decisions, rounded down to a whole percent so no
 * small number of codings can be read from it.
 */
export interface MethodsInput {
  themes: number;
  /** Of the codings, the whole percent accepted from a theme suggestion; null with no coding. */
  suggestedPercent: number | null;
  /** The suggestion model versions behind those codings. */
  modelVersions: number[];
}

export interface ComposeInput {
  version: number;
  builtAt: Date;
  release: ReportDocument['release'];
  /** Each table named in REPORT_TABLES, every figure in export order. */
  cells: Record<string, ReleaseCell[]>;
  /** Area id → census population. */
  populations: Map<string, number | null>;
  narrative: Partial<Record<ReportSection, string>>;
  /** The quotes to print, in order. */
  quotes: PrintedQuote[];
  leftOut: ReportDocument['leftOut'];
  methods: MethodsInput;
  /** Agreement between coders over every sample, when measured; null says "not measured". */
  agreement: AgreementFigures | null;
}

/**
 * Lays the report out from the release's figures alone: every number printed is a cell of one of
 * its tables, carried with its table and position. Nothing here counts anything.
 */
export function composeDocument(input: ComposeInput): ReportDocument {
  const used = new Set<string>();
  const figure = (table: string, cell: ReleaseCell): Figure => {
    used.add(table);
    return { value: cell.value, suppressed: cell.suppressed, ref: { table, cell: cell.ordinal } };
  };
  const cellsOf = (table: string) => {
    const cells = input.cells[table];
    if (!cells) throw new Error(`the release holds no table ${table}`);
    return cells;
  };
  const find = (
    table: string,
    kind: ReleaseCellKind,
    rowKey: string | null = null,
    columnKey: string | null = null,
  ) => {
    const cell = cellsOf(table).find(
      (c) =>
        c.kind === kind &&
        (kind === ReleaseCellKind.COLUMN_TOTAL || kind === ReleaseCellKind.TOTAL || c.rowKey === rowKey) &&
        (kind === ReleaseCellKind.ROW_TOTAL || kind === ReleaseCellKind.TOTAL || c.columnKey === columnKey),
    );
    return cell ? figure(table, cell) : null;
  };
  const rowTotals = (table: string) =>
    cellsOf(table)
      .filter((c) => c.kind === ReleaseCellKind.ROW_TOTAL)
      .map((c) => ({ key: c.rowKey, label: c.rowLabel ?? 'Not stated', figure: figure(table, c) }));
  const fact = (label: string, value: Figure | null): Fact[] => (value ? [{ label, figure: value }] : []);
  const narrative = (key: ReportSection) => input.narrative[key] ?? '';
  const quoteIds = (prompt: Prompt | null) =>
    input.quotes.filter((q) => prompt === null || q.prompt === prompt).map((q) => q.quoteId);

  const reach: Chart = {
    kind: 'REACH',
    title: 'People heard in each area, against its census population',
    measure: 'people heard',
    rows: rowTotals(REPORT_TABLES.peopleByArea).map((row) => ({
      label: row.label,
      figure: row.figure,
      population: row.key ? (input.populations.get(row.key) ?? null) : null,
    })),
  };
  const overview: DocumentSection = {
    key: ReportSection.OVERVIEW,
    title: SECTION_TITLES[ReportSection.OVERVIEW],
    question: null,
    narrative: narrative(ReportSection.OVERVIEW),
    facts: [
      ...fact('Responses heard', find(REPORT_TABLES.themesByPrompt, ReleaseCellKind.TOTAL)),
      ...fact('People heard', find(REPORT_TABLES.peopleByArea, ReleaseCellKind.TOTAL)),
    ],
    charts: [
      {
        kind: 'LINE',
        title: 'Responses heard each month',
        measure: 'responses',
        rows: rowTotals(REPORT_TABLES.themesByMonth).map(({ label, figure }) => ({ label, figure })),
      },
      reach,
    ],
    grids: [],
    paragraphs: [],
    quoteIds: [],
  };

  const prompts = Object.values(Prompt).map((prompt): DocumentSection => {
    const key = prompt as unknown as ReportSection;
    const themes = cellsOf(REPORT_TABLES.themesByPrompt)
      .filter((c) => c.kind === ReleaseCellKind.CELL && c.rowKey === prompt)
      .map((c) => ({ label: c.columnLabel ?? 'Uncoded', figure: figure(REPORT_TABLES.themesByPrompt, c) }))
      // Ranked by the released figure; withheld ones last, in the codebook's order.
      .sort((a, b) => (b.figure.value ?? -1) - (a.figure.value ?? -1));
    return {
      key,
      title: SECTION_TITLES[key],
      question: PROMPT_QUESTIONS[prompt],
      narrative: narrative(key),
      facts: [
        ...fact('Responses to this question', find(REPORT_TABLES.themesByPrompt, ReleaseCellKind.ROW_TOTAL, prompt)),
        ...fact('People who answered it', find(REPORT_TABLES.peopleByPrompt, ReleaseCellKind.ROW_TOTAL, prompt)),
      ],
      charts: [
        { kind: 'BARS', title: 'Themes, ranked by the responses coded to each', measure: 'responses', rows: themes },
      ],
      grids: [],
      paragraphs: [],
      quoteIds: quoteIds(prompt),
    };
  });

  /** A crossed table's cells as printed: its rows and columns in the release's order. */
  const grid = (title: string, table: string): Grid => {
    const cells = cellsOf(table).filter((c) => c.kind === ReleaseCellKind.CELL);
    const columns = [...new Map(cells.map((c) => [c.columnKey, c.columnLabel ?? 'Not stated'])).entries()];
    const rows = [...new Map(cells.map((c) => [c.rowKey, c.rowLabel ?? 'Not stated'])).entries()];
    return {
      title,
      table,
      columns: columns.map(([, label]) => label),
      rows: rows.map(([rowKey, label]) => ({
        label,
        figures: columns.map(([columnKey]) =>
          figure(
            table,
            cells.find((c) => c.rowKey === rowKey && c.columnKey === columnKey)!,
          ),
        ),
      })),
    };
  };
  const held = find(REPORT_TABLES.sessionsByAreaAndFormat, ReleaseCellKind.TOTAL);
  const coded = find(REPORT_TABLES.codedByAreaAndPrompt, ReleaseCellKind.TOTAL);
  const heard = find(REPORT_TABLES.responsesByAreaAndPrompt, ReleaseCellKind.TOTAL);
  const { release } = input;
  const methods: DocumentSection = {
    key: ReportSection.METHODS,
    title: SECTION_TITLES[ReportSection.METHODS],
    question: null,
    narrative: narrative(ReportSection.METHODS),
    facts: [
      ...fact('Sessions held', held),
      ...fact('People heard', find(REPORT_TABLES.peopleByArea, ReleaseCellKind.TOTAL)),
      ...fact('Responses heard', heard),
      ...fact('Responses coded to at least one theme', coded),
    ],
    charts: [
      {
        kind: 'BARS',
        title: 'Responses heard by format of session',
        measure: 'responses',
        rows: rowTotals(REPORT_TABLES.responsesByFormat).map(({ label, figure }) => ({ label, figure })),
      },
      reach,
    ],
    grids: [
      grid('Sessions held, by area and format', REPORT_TABLES.sessionsByAreaAndFormat),
      grid('People heard, by area and format of session', REPORT_TABLES.peopleByAreaAndFormat),
    ],
    paragraphs: [
      sessionsParagraph(held),
      `People reached: ${censusPopulation(input.populations)}; the chart gives the people heard in each area ` +
        'per 1,000 of its residents, and the table the people heard in each area by format of session.',
      codingParagraph(input.methods, coded, heard),
      agreementParagraph(input.agreement),
      `Disclosure control: every figure comes from release ${release.version} of the council tables` +
        (release.snapshotAt ? `, which describes the data as at ${release.snapshotAt.slice(0, 10)}` : '') +
        `. No figure below ${release.threshold ?? 'the threshold'} is printed: such cells are shown as withheld. ` +
        `Method: ${release.method ?? 'as recorded in the release'}. The figures are those the release published, ` +
        'never recounted, so they may differ slightly from a live count and need not add up exactly.',
      'Quotes: only quotes approved in the quote register are printed, each with the description of who said it ' +
        '(a name only where the person agreed to be named). Consent was checked again when this version was built.',
    ],
    tables: input.agreement ? [agreementTable(input.agreement)] : [],
    quoteIds: [],
  };

  const sections = [overview, ...prompts, methods];
  return {
    version: input.version,
    builtAt: input.builtAt.toISOString(),
    release,
    sections,
    tablesUsed: [...used].sort(),
    figureCount: sections.reduce((n, s) => n + figuresIn(s).length, 0),
    leftOut: input.leftOut,
  };
}

/** Every figure a section prints, in reading order (the reach chart is printed twice). */
export function figuresIn(section: DocumentSection): Figure[] {
  return [
    ...section.facts.map((f) => f.figure),
    ...section.charts.flatMap((c) => c.rows.map((r) => r.figure)),
    ...section.grids.flatMap((g) => g.rows.flatMap((r) => r.figures)),
  ];
}

const METHOD_NAMES: Record<AgreementMethod, string> = {
  [AgreementMethod.COHEN_KAPPA]: "Cohen's kappa",
  [AgreementMethod.KRIPPENDORFF_ALPHA]: "Krippendorff's alpha",
};

/** Kappa or alpha to two places; undefined when every coder gave the same answer every time. */
export function statistic(value: number | null): string {
  return value === null ? 'not defined' : value.toFixed(2);
}

/**
 * Agreement in plain English. Its counts are of sampled responses and coders in the quality check
 * of the coding, not of people heard, and come from the agreement service, not the release.
 */
function agreementParagraph(agreement: AgreementFigures | null): string {
  if (!agreement) return 'Agreement between coders: not measured for this report.';
  const method = METHOD_NAMES[agreement.method];
  const overall =
    agreement.value === null
      ? `${method} is not defined (the coders gave the same answer on every theme of every response)`
      : `${method} was ${statistic(agreement.value)} overall`;
  return (
    `Agreement between coders: a sample of ${agreement.items} coded responses was coded again, blind, so that ` +
    `${agreement.coders} coders coded each one without seeing the others' codings. ${overall} ` +
    '(1 is perfect agreement, 0 is what chance alone would give), pooling every decision on whether a theme applies. ' +
    `The coders disagreed on ${agreement.disagreements} of the ${agreement.items} responses and have settled ` +
    `${agreement.settled} of those disagreements together. Each theme's figure is in the table.`
  );
}

function agreementTable(agreement: AgreementFigures): PlainTable {
  return {
    title: `Agreement between coders, per theme (${METHOD_NAMES[agreement.method]})`,
    columns: ['Theme', METHOD_NAMES[agreement.method], 'Responses (n)', 'Coders agreed on'],
    rows: agreement.themes.map((theme) => [
      theme.themeName,
      statistic(theme.value),
      String(theme.items),
      String(theme.agreedItems),
    ]),
  };
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function sessionsParagraph(held: Figure | null): string {
  const count =
    !held || held.suppressed ? 'Sessions were held' : `${plural(held.value!, 'session was', 'sessions were')} held`;
  return (
    `How we heard people: ${count} (workshops, conversations, interviews, focus groups and a short ` +
    'questionnaire), run by the charity and its partner organisations, as the figure above and the table by ' +
    'area and format give them; like every figure here they are released cells, so a small number is withheld. ' +
    'The figures above are the people and the responses heard.'
  );
}

/** The census population of the areas, reference data (never a released figure). */
function censusPopulation(populations: Map<string, number | null>): string {
  const known = [...populations.values()].filter((p): p is number => p !== null);
  if (!known.length) return 'no area has a census population recorded, so reach cannot be set against it';
  const total = known.reduce((n, p) => n + p, 0);
  return `the census population of the ${plural(known.length, 'area', 'areas')} with one recorded is ${total.toLocaleString('en-GB')}`;
}

/** The share coded, worked out from two released figures (never from a live count); none if either is withheld. */
function codedShare(coded: Figure | null, heard: Figure | null): string {
  if (!coded?.value || !heard?.value)
    return 'The share of responses coded cannot be given: a figure it needs is withheld.';
  return (
    `${Math.min(100, Math.floor((coded.value * 100) / heard.value))}% of the responses heard when the release was ` +
    'cut had been coded to at least one theme (the responses coded, of the responses heard, above).'
  );
}

function codingParagraph(methods: MethodsInput, coded: Figure | null, heard: Figure | null): string {
  const suggested =
    methods.suggestedPercent === null
      ? ''
      : ` ${methods.suggestedPercent}% of the codings were accepted by an analyst from a theme suggestion` +
        (methods.modelVersions.length
          ? ` (suggestion model version ${methods.modelVersions.join(', ')}, trained on this engagement's own codings),`
          : ',') +
        ' the rest made by hand.';
  return (
    'How responses were coded: analysts filed each response under the question it answered and coded it, or ' +
    `passages of it, to the themes of a shared codebook of ${plural(methods.themes, 'theme', 'themes')}, each ` +
    `coding recorded with the coder who made it. ${codedShare(coded, heard)}${suggested} A theme's figure is the ` +
    'number of responses coded to it at least once.'
  );
}
