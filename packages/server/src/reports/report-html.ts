import MarkdownIt from 'markdown-it';
import type {
  Chart,
  ChartRow,
  DocumentSection,
  Figure,
  Grid,
  PlainTable,
  PrintedQuote,
  ReportDocument,
} from './report-document.js';

/**
 * Analysts' Markdown, made safe: raw HTML is shown as text, images (which would load from
 * elsewhere when the report is opened) are not rendered, and markdown-it refuses javascript:,
 * vbscript:, file: and data: links.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable(['image']);

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A figure as the board reads it: the released value, or "withheld". */
export function shown(figure: Figure): string {
  return figure.value === null ? 'withheld' : figure.value.toLocaleString('en-GB');
}

/** Where a figure comes from, in words: `themes-by-prompt #12`. */
export function source(figure: Figure): string {
  return `${figure.ref.table} #${figure.ref.cell}`;
}

/** Participants per 1,000 residents, worked out from the released figure and the census. */
export function perThousand(row: ChartRow): number | null {
  if (row.figure.value === null || !row.population) return null;
  return Math.round((row.figure.value * 10_000) / row.population) / 10;
}

const CHART_WIDTH = 640;
const LABEL_WIDTH = 220;
const BAR = 18;
const GAP = 6;

function bars(id: string, chart: Chart): string {
  const values = chart.rows.map((row) => (chart.kind === 'REACH' ? perThousand(row) : row.figure.value));
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const room = CHART_WIDTH - LABEL_WIDTH - 80;
  const height = chart.rows.length * (BAR + GAP) + GAP;
  const rows = chart.rows
    .map((row, i) => {
      const y = GAP + i * (BAR + GAP);
      const value = values[i] ?? null;
      const width = value === null ? 0 : Math.max(1, (value / max) * room);
      const label = value === null ? 'withheld' : value.toLocaleString('en-GB');
      return (
        `<text x="${LABEL_WIDTH - 8}" y="${y + BAR - 5}" text-anchor="end">${escapeHtml(truncate(row.label, 32))}</text>` +
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR}" fill="#1f5f8b"></rect>` +
        `<text x="${LABEL_WIDTH + width + 6}" y="${y + BAR - 5}">${label}</text>`
      );
    })
    .join('');
  return svg(id, chart.title, height, rows);
}

function line(id: string, chart: Chart): string {
  const height = 200;
  const values = chart.rows.map((row) => row.figure.value);
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  const step = chart.rows.length > 1 ? (CHART_WIDTH - 80) / (chart.rows.length - 1) : 0;
  const point = (i: number, v: number) => `${(40 + i * step).toFixed(1)},${(170 - (v / max) * 150).toFixed(1)}`;
  const points = values.flatMap((v, i) => (v === null ? [] : [point(i, v)])).join(' ');
  const marks = chart.rows
    .map((row, i) => {
      const v = values[i] ?? null;
      const x = (40 + i * step).toFixed(1);
      const dot =
        v === null ? '' : `<circle cx="${x}" cy="${point(i, v).split(',')[1]}" r="4" fill="#1f5f8b"></circle>`;
      return `${dot}<text x="${x}" y="192" text-anchor="middle">${escapeHtml(row.label)}</text>`;
    })
    .join('');
  return svg(
    id,
    chart.title,
    height,
    `<polyline points="${points}" fill="none" stroke="#1f5f8b" stroke-width="3"></polyline>${marks}`,
  );
}

function svg(id: string, title: string, height: number, body: string): string {
  return (
    `<svg role="img" aria-labelledby="${id}-title" viewBox="0 0 ${CHART_WIDTH} ${height}" width="100%" ` +
    `style="max-width:${CHART_WIDTH}px" font-size="13" font-family="sans-serif"><title id="${id}-title">` +
    `${escapeHtml(title)} (the numbers are in the table beside it)</title>${body}</svg>`
  );
}

/**
 * A link to a path of this install, absolute (the file is opened offline, from anywhere), or the
 * text alone when the install's address is not configured: never a relative link.
 */
type Link = (path: string, text: string, title?: string) => string;

function linker(base: string | null): Link {
  return (path, text, title) =>
    base === null
      ? text
      : `<a href="${escapeHtml(new URL(path, base).href)}"${title ? ` title="${escapeHtml(title)}"` : ''}>${text}</a>`;
}

const tablePath = (release: number, table: string) => `/exports/releases/${release}/${table}.csv`;

function figureCell(figure: Figure, release: number, link: Link): string {
  const title = `Release ${release}, table ${figure.ref.table}, cell ${figure.ref.cell}`;
  return (
    `<td class="n">${shown(figure)}</td>` +
    `<td class="src">${link(tablePath(release, figure.ref.table), escapeHtml(source(figure)), title)}</td>`
  );
}

function chartTable(chart: Chart, release: number, link: Link): string {
  const reach = chart.kind === 'REACH';
  const head = reach
    ? '<th scope="col">Area</th><th scope="col">People heard</th><th scope="col">Release cell</th><th scope="col">Census population</th><th scope="col">Per 1,000 residents</th>'
    : `<th scope="col">${chart.kind === 'LINE' ? 'Month' : 'Theme'}</th><th scope="col">${escapeHtml(capitalise(chart.measure))}</th><th scope="col">Release cell</th>`;
  const rows = chart.rows
    .map((row) => {
      const extra = reach
        ? `<td class="n">${row.population?.toLocaleString('en-GB') ?? 'not known'}</td><td class="n">${perThousand(row)?.toLocaleString('en-GB') ?? '–'}</td>`
        : '';
      return `<tr><th scope="row">${escapeHtml(row.label)}</th>${figureCell(row.figure, release, link)}${extra}</tr>`;
    })
    .join('');
  return `<table><caption>${escapeHtml(chart.title)}: the numbers</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function grid(table: Grid, release: number, link: Link): string {
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const rows = table.rows
    .map(
      (row) =>
        `<tr><th scope="row">${escapeHtml(row.label)}</th>${row.figures
          .map(
            (f) =>
              `<td class="n">${link(tablePath(release, f.ref.table), shown(f), `Release ${release}, table ${f.ref.table}, cell ${f.ref.cell}`)}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  return (
    `<table><caption>${escapeHtml(table.title)} (release table ${escapeHtml(table.table)}; each figure links to it)</caption>` +
    `<thead><tr><th scope="col">Area</th>${head}</tr></thead><tbody>${rows}</tbody></table>`
  );
}

function plainTable(table: PlainTable): string {
  const [first, ...rest] = table.columns;
  const head = `<th scope="col">${escapeHtml(first ?? '')}</th>${rest.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}`;
  const rows = table.rows
    .map(
      ([label, ...values]) =>
        `<tr><th scope="row">${escapeHtml(label ?? '')}</th>${values.map((v) => `<td class="n">${escapeHtml(v)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table><caption>${escapeHtml(table.title)}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function quoteBlock(quote: PrintedQuote, link: Link): string {
  return (
    `<figure class="quote"><blockquote dir="auto">${escapeHtml(quote.text)}</blockquote>` +
    `<figcaption>— ${escapeHtml(quote.attribution)} <span class="src">${link(`/quotes/${quote.quoteId}`, `quote register entry ${quote.quoteId}`)}</span></figcaption></figure>`
  );
}

function section(s: DocumentSection, document: ReportDocument, quotes: Map<string, PrintedQuote>, link: Link): string {
  const release = document.release.version;
  const facts = s.facts.length
    ? `<table class="facts"><tbody>${s.facts
        .map((f) => `<tr><th scope="row">${escapeHtml(f.label)}</th>${figureCell(f.figure, release, link)}</tr>`)
        .join('')}</tbody></table>`
    : '';
  const charts = s.charts
    .map((chart, i) => {
      const id = `${s.key.toLowerCase()}-chart-${i + 1}`;
      const picture = chart.kind === 'LINE' ? line(id, chart) : bars(id, chart);
      return `<div class="chart"><h3>${escapeHtml(chart.title)}</h3><div class="pair">${picture}${chartTable(chart, release, link)}</div></div>`;
    })
    .join('');
  const printed = s.quoteIds.flatMap((id) => (quotes.has(id) ? [quotes.get(id)!] : []));
  return (
    `<section id="${s.key.toLowerCase()}"><h2>${escapeHtml(s.title)}</h2>` +
    (s.question ? `<p class="question">We asked: ${escapeHtml(s.question)}</p>` : '') +
    (s.narrative.trim() ? `<div class="narrative">${markdown.render(s.narrative)}</div>` : '') +
    facts +
    charts +
    s.grids.map((g) => grid(g, release, link)).join('') +
    s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
    (s.tables ?? []).map(plainTable).join('') +
    (printed.length ? `<h3>In their words</h3>${printed.map((q) => quoteBlock(q, link)).join('')}` : '') +
    `</section>`
  );
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
h1,h2,h3{line-height:1.2}h2{border-bottom:2px solid #1f5f8b;padding-bottom:.25rem;margin-top:2.5rem}
table{border-collapse:collapse;margin:1rem 0;font-size:.95rem}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}.src,.src a{font-size:.8rem;color:#1a4f73}
.pair{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}.pair svg{flex:1 1 24rem}
.quote{border-left:4px solid #1f5f8b;margin:1rem 0;padding:.25rem 1rem}.quote blockquote{margin:0;font-style:italic}
.notice{border:2px solid #8a1c1c;padding:.5rem 1rem;background:#fff4f4}.question{font-style:italic}`;

/**
 * The report as one self-contained HTML page that opens offline: its style inline, its charts
 * inline SVG, no script, no image, font or style sheet from elsewhere, and no relative link. Each
 * chart has the table of its numbers beside it, each number its release table and cell, each quote
 * its register entry, linked absolutely to `publicUrl` (CHORUS_PUBLIC_URL), or named only when unset.
 */
export function renderHtml(
  document: ReportDocument,
  quotes: readonly PrintedQuote[],
  notice: string | null,
  publicUrl: string | null,
): string {
  const link = linker(publicUrl);
  const byId = new Map(quotes.map((q) => [q.quoteId, q]));
  const { release } = document;
  const used = quotes.map((q) => `<li>${link(`/quotes/${q.quoteId}`, q.quoteId)}</li>`).join('');
  const leftOut = document.leftOut.length
    ? `<p>${document.leftOut.length} approved quote${document.leftOut.length === 1 ? ' was' : 's were'} left out because consent to be quoted had been withdrawn before this version was built: ${document.leftOut
        .map((q) => escapeHtml(leftOutName(q)))
        .join(', ')}.</p>`
    : '<p>No approved quote was left out for want of consent.</p>';
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Board report, version ${document.version}</title><style>${STYLE}</style></head>
<body><main>
<h1>Community listening: findings for the board</h1>
<p>Version ${document.version}, built ${escapeHtml(document.builtAt.slice(0, 10))} from release ${release.version} of the council tables.</p>
${notice ? `<p class="notice" role="note">${escapeHtml(notice)}</p>` : ''}
${document.sections.map((s) => section(s, document, byId, link)).join('\n')}
<section id="sources"><h2>What this report used</h2>
<p>Release ${release.version} (content hash <code>${escapeHtml(release.contentHash ?? '')}</code>), threshold ${release.threshold ?? '–'}.
${document.figureCount} figures printed, each from one of these tables: ${document.tablesUsed.map((t) => link(tablePath(release.version, t), escapeHtml(t))).join(', ')}.</p>
<p>${quotes.length} quote${quotes.length === 1 ? '' : 's'} from the quote register:</p><ul>${used}</ul>
${leftOut}
</section>
</main></body></html>`;
}

/** A quote left out, by its register entry; an erased quote has none left. */
export function leftOutName(quote: ReportDocument['leftOut'][number]): string {
  return quote.quoteId ?? 'a quote since erased';
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
