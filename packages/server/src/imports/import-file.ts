import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { badInput } from '../common/errors.js';

export type ImportFormat = 'CSV' | 'XLSX';

/** The content types an upload may declare, and the format each is read as. */
export const IMPORT_CONTENT_TYPES: Readonly<Record<string, ImportFormat>> = {
  'text/csv': 'CSV',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
};

/** The format a request's Content-Type names; BAD_USER_INPUT on `Content-Type` otherwise. */
export function importFormat(contentType: string | undefined): ImportFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const format = IMPORT_CONTENT_TYPES[type];
  if (!format) {
    throw badInput('Content-Type', `Content-Type must be one of ${Object.keys(IMPORT_CONTENT_TYPES).join(', ')}`);
  }
  return format;
}

/** One row of the file: its number as a spreadsheet shows it (the heading is row 1) and its cells as text. */
export interface FileRow {
  number: number;
  cells: string[];
}

/**
 * The rows of a CSV file or of an XLSX workbook's first sheet, read as they arrive: the file is
 * never held whole in memory (csv-parse's stream, exceljs's streaming reader). Cells come as
 * text: numbers and dates as written, a formula as its cached result.
 */
export async function* fileRows(body: Readable, format: ImportFormat): AsyncGenerator<FileRow> {
  if (format === 'CSV') {
    const parser = body.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false }));
    body.on('error', (error) => parser.destroy(error));
    let number = 0;
    try {
      for await (const record of parser as AsyncIterable<string[]>) yield { number: ++number, cells: record };
    } catch (error) {
      if (error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_')) {
        throw badInput('file', `The file is not valid CSV after row ${number}: ${error.message.split(':')[0]}`);
      }
      throw error;
    }
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(body, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'emit',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1);
        yield { number: row.number, cells: values.map(cellText) };
      }
      return; // the first sheet only
    }
  } catch (error) {
    if (error instanceof Error && /zip|signature|end of central directory|invalid/i.test(error.message)) {
      throw badInput('file', 'The file is not a valid XLSX workbook');
    }
    throw error;
  }
}

/** A cell of exceljs as text: rich text joined, a formula's result, a hyperlink's text, a date in ISO form. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object') return '';
  const cell = value as { richText?: { text: string }[]; result?: unknown; text?: unknown };
  if (cell.richText) return cell.richText.map((part) => part.text).join('');
  if ('result' in cell) return cellText(cell.result);
  if ('text' in cell) return cellText(cell.text);
  return '';
}
