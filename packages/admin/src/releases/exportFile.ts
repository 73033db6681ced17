import type { ExportCell } from '@chorus/shared';
import { downloadWithToken, fetchWithToken } from '../common/download';

export interface ExportFile {
  release: { version: number; threshold: number; contentHash: string };
  table: { name: string; title: string; rows: string; columns: string };
  cells: ExportCell[];
}

/** The export URL of one table of a release, as a council system calls it. */
export const exportUrl = (version: number, table: string, format: 'csv' | 'json') =>
  `/exports/releases/${version}/${table}.${format}`;

/** Fetches an export with the signed-in session's token: the same bytes a council key receives. */
export const fetchExport = (version: number, table: string, format: 'csv' | 'json') =>
  fetchWithToken(exportUrl(version, table, format));

/** Saves an export as a file. */
export const downloadExport = (version: number, table: string, format: 'csv' | 'json') =>
  downloadWithToken(exportUrl(version, table, format), `chorus-release-${version}-${table}.${format}`);
