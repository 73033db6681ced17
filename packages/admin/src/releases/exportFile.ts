import type { ExportCell } from '@chorus/shared';
import { session } from '../auth/session';

export interface ExportFile {
  release: { version: number; threshold: number; contentHash: string };
  table: { name: string; title: string; rows: string; columns: string };
  cells: ExportCell[];
}

/** The export URL of one table of a release, as a council system calls it. */
export const exportUrl = (version: number, table: string, format: 'csv' | 'json') =>
  `/exports/releases/${version}/${table}.${format}`;

/** Fetches an export with the signed-in session's token: the same bytes a council key receives. */
export async function fetchExport(version: number, table: string, format: 'csv' | 'json'): Promise<Response> {
  const response = await fetch(exportUrl(version, table, format), {
    headers: session.token ? { authorization: `Bearer ${session.token}` } : {},
  });
  if (!response.ok) throw new Error(`The export could not be read (HTTP ${response.status})`);
  return response;
}

/** Saves an export as a file; the link needs the token, so the file is fetched first. */
export async function downloadExport(version: number, table: string, format: 'csv' | 'json'): Promise<void> {
  const blob = await (await fetchExport(version, table, format)).blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `chorus-release-${version}-${table}.${format}`;
  link.click();
  URL.revokeObjectURL(url);
}
