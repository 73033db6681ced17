import MarkdownIt from 'markdown-it';
import { createPdf } from '../common/pdf.js';
import type { Chart, DocumentSection, Figure, PrintedQuote, ReportDocument } from './report-document.js';
import { bidiLine, hasRightToLeft, pieces } from './bidi.js';
import { leftOutName, perThousand, shown, source } from './report-html.js';

const MARGIN = 56;
const BLUE = '#1f5f8b';
const GREY = '#444444';
const parser = new MarkdownIt({ html: false, linkify: false }).disable(['image']);

/** A figure and where it comes from, as one run of text (so it reads back whole). */
const traced = (figure: Figure) => `${shown(figure)} [${source(figure)}]`;

/**
 * The report as a PDF, drawn with pdfkit and an embedded font (no desktop, no browser): the same
 * sections, charts as bars with their numbers printed beside each bar and its release cell, the
 * narrative as plain text (Markdown is parsed, never interpreted as markup), quotes from the register.
 */
export function renderPdf(
  document: ReportDocument,
  quotes: readonly PrintedQuote[],
  notice: string | null,
): Promise<Buffer> {
  const { doc, done } = createPdf(`Board report, version ${document.version}`, MARGIN);
  const width = doc.page.width - 2 * MARGIN;
  const room = (needed: number) => {
    if (doc.y + needed > doc.page.height - MARGIN) doc.addPage();
  };
  const body = (text: string, options: PDFKit.Mixins.TextOptions = {}) =>
    doc
      .font('Body')
      .fontSize(10)
      .fillColor('black')
      .text(text, MARGIN, doc.y, { width, ...options });
  const heading = (text: string, size: number) => {
    room(size * 3);
    doc.moveDown(0.6).font('Body-Bold').fontSize(size).fillColor(BLUE).text(text, MARGIN, doc.y, { width });
    doc.moveDown(0.3);
  };
  const byId = new Map(quotes.map((q) => [q.quoteId, q]));

  doc.font('Body-Bold').fontSize(20).fillColor(BLUE).text('Community listening: findings for the board');
  body(
    `Version ${document.version}, built ${document.builtAt.slice(0, 10)} from release ${document.release.version} of the council tables.`,
  );
  if (notice) {
    doc.moveDown(0.5);
    doc.font('Body-Bold').fontSize(10).fillColor('#8a1c1c').text(notice, MARGIN, doc.y, { width });
  }

  for (const section of document.sections) {
    heading(section.title, 15);
    if (section.question) body(`We asked: ${section.question}`, { oblique: true });
    narrative(section.narrative);
    for (const fact of section.facts) body(`${fact.label}: ${traced(fact.figure)}`);
    for (const chart of section.charts) drawChart(chart);
    for (const grid of section.grids) {
      heading(grid.title, 11);
      // One figure a line: a wrapped line could split a table's name at a hyphen.
      for (const row of grid.rows) {
        for (const [i, figure] of row.figures.entries()) {
          room(14);
          body(`${row.label}, ${grid.columns[i]}: ${traced(figure)}`);
        }
      }
    }
    for (const paragraph of section.paragraphs) {
      doc.moveDown(0.4);
      body(paragraph);
    }
    for (const table of section.tables ?? []) {
      heading(table.title, 11);
      // A row a line, each value named by its column, so the text reads back in order.
      for (const [label, ...values] of table.rows) {
        room(14);
        body(`${label}: ${values.map((v, i) => `${table.columns[i + 1]} ${v}`).join('; ')}`);
      }
    }
    printQuotes(section);
  }

  heading('What this report used', 15);
  const { release } = document;
  body(
    `Release ${release.version} (content hash ${release.contentHash ?? ''}), threshold ${release.threshold ?? '–'}. ` +
      `${document.figureCount} figures printed, each marked [table #cell] with its release table and cell: ` +
      `${document.tablesUsed.join(', ')}.`,
  );
  body(
    `${quotes.length} quote${quotes.length === 1 ? '' : 's'} from the quote register: ${quotes.map((q) => q.quoteId).join(', ') || 'none'}.`,
  );
  body(
    document.leftOut.length
      ? `${document.leftOut.length} approved quote(s) left out because consent to be quoted had been withdrawn before this version was built: ${document.leftOut.map(leftOutName).join(', ')}.`
      : 'No approved quote was left out for want of consent.',
  );
  doc.end();
  return done;

  function narrative(markdown: string) {
    if (!markdown.trim()) return;
    let bullet = false;
    let bold = false;
    for (const token of parser.parse(markdown, {})) {
      if (token.type === 'list_item_open') bullet = true;
      if (token.type === 'heading_open') bold = true;
      if (token.type === 'heading_close') bold = false;
      if (token.type !== 'inline') continue;
      const text = (token.children ?? [])
        .map((child) => (child.type === 'softbreak' || child.type === 'hardbreak' ? ' ' : child.content))
        .join('');
      room(14);
      doc.fontSize(10).fillColor('black');
      write(
        `${bullet ? '• ' : ''}${text}`,
        bold ? 'Body-Bold' : 'Body',
        MARGIN + (bullet ? 10 : 0),
        width - (bullet ? 10 : 0),
      );
      doc.moveDown(0.3);
      bullet = false;
    }
  }

  /**
   * Text that may hold right-to-left words (an Urdu quote): pdfkit lays text out in the order it is
   * given, so each line is broken here, ordered by the bidirectional algorithm and drawn run by
   * run: Arabic script in Amiri, the rest in `face`; a right-to-left line set against the right
   * margin. Each word is drawn in reading order at its place on the line, so the PDF's text reads
   * back in the order it was written. Text with no right-to-left letter is drawn as before.
   */
  function write(text: string, face: string, x: number, lineWidth: number) {
    if (!hasRightToLeft(text)) {
      doc.font(face).text(text, x, doc.y, { width: lineWidth });
      return;
    }
    const fontOf = (piece: string) => (hasRightToLeft(piece) ? 'Arabic' : face);
    const measure = (piece: string) => doc.font(fontOf(piece)).widthOfString(piece);
    const widthOf = (line: string) =>
      bidiLine(line).runs.reduce((sum, run) => sum + pieces(run.text).reduce((n, p) => n + measure(p), 0), 0);
    for (const line of breakLines(text, lineWidth, widthOf)) {
      const height = doc.font('Arabic').currentLineHeight(true);
      room(height);
      const y = doc.y;
      const laid = bidiLine(line);
      const widths = laid.runs.map((run) => pieces(run.text).reduce((n, p) => n + measure(p), 0));
      let left = laid.rightToLeft ? x + lineWidth - widths.reduce((a, b) => a + b, 0) : x;
      const starts: number[] = [];
      for (const i of laid.leftToRight) {
        starts[i] = left;
        left += widths[i]!;
      }
      for (const [i, run] of laid.runs.entries()) {
        // Right to left: word after word from the run's right edge (fontkit turns each word's letters).
        let at = run.rightToLeft ? starts[i]! + widths[i]! : starts[i]!;
        for (const piece of pieces(run.text)) {
          const w = measure(piece);
          if (run.rightToLeft) at -= w;
          doc.font(fontOf(piece)).text(piece, at, y, { lineBreak: false });
          if (!run.rightToLeft) at += w;
        }
      }
      doc.x = x;
      doc.y = y + height;
    }
  }

  function drawChart(chart: Chart) {
    heading(chart.title, 11);
    const values = chart.rows.map((row) => (chart.kind === 'REACH' ? perThousand(row) : row.figure.value));
    const max = Math.max(1, ...values.map((v) => v ?? 0));
    const labelWidth = 150;
    const barRoom = 130;
    if (chart.kind === 'REACH')
      body('Bars: people heard per 1,000 residents (census). Figures: people heard [release cell]; census population.');
    if (chart.kind === 'LINE') body('Bars: responses heard in each month, in order (the line of the HTML version).');
    for (const [i, row] of chart.rows.entries()) {
      room(16);
      const y = doc.y;
      const value = values[i] ?? null;
      doc.font('Body').fontSize(9).fillColor('black');
      doc.text(row.label, MARGIN, y, { width: labelWidth - 6, lineBreak: false, ellipsis: true });
      if (value !== null) doc.rect(MARGIN + labelWidth, y, Math.max(1, (value / max) * barRoom), 10).fill(BLUE);
      const extra =
        chart.kind === 'REACH'
          ? `; population ${row.population?.toLocaleString('en-GB') ?? 'not known'}; ${perThousand(row) ?? '–'} per 1,000`
          : '';
      doc
        .font('Body')
        .fontSize(9)
        .fillColor(GREY)
        .text(`${traced(row.figure)}${extra}`, MARGIN + labelWidth + barRoom + 8, y, {
          width: width - labelWidth - barRoom - 8,
          lineBreak: false,
        });
      doc.x = MARGIN;
      doc.y = y + 15;
    }
  }

  function printQuotes(section: DocumentSection) {
    const printed = section.quoteIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    if (!printed.length) return;
    heading('In their words', 11);
    for (const quote of printed) {
      room(40);
      doc.fontSize(10).fillColor('black');
      write(`“${quote.text}”`, 'Body-Oblique', MARGIN + 12, width - 12);
      doc.fontSize(9).fillColor(GREY);
      write(`— ${quote.attribution} (quote register entry ${quote.quoteId})`, 'Body', MARGIN + 12, width - 12);
      doc.moveDown(0.5);
    }
  }
}

/** Lines of at most `width`, broken between words (a word longer than a line has one to itself). */
function breakLines(text: string, width: number, widthOf: (line: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const longer = line ? `${line} ${word}` : word;
    if (line && widthOf(longer) > width) {
      lines.push(line);
      line = word;
    } else line = longer;
  }
  if (line) lines.push(line);
  return lines;
}
