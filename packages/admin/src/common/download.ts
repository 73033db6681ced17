import { session } from '../auth/session';

/** Fetches a file export with the signed-in session's token: the same bytes an API caller receives. */
export async function fetchWithToken(url: string): Promise<Response> {
  const response = await fetch(url, { headers: session.token ? { authorization: `Bearer ${session.token}` } : {} });
  if (!response.ok) throw new Error(`The export could not be read (HTTP ${response.status})`);
  return response;
}

/** Saves an export as a file; a link cannot carry the token, so the file is fetched first. */
export async function downloadWithToken(url: string, filename: string): Promise<void> {
  const blob = await (await fetchWithToken(url)).blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(href);
}
