import { useEffect, useState } from 'react';
import { fetchExport, type ExportFile } from './exportFile';

interface Loaded {
  url: string;
  file: ExportFile | null;
  error: Error | null;
}

/** One table of a release as its JSON export; `file` is null while loading or when there is no release. */
export function useExportFile(version: number | null, table: string | null) {
  const url = version === null || table === null ? null : `${version}/${table}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    if (version === null || table === null) return;
    let current = true;
    const at = `${version}/${table}`;
    fetchExport(version, table, 'json')
      .then((response) => response.json() as Promise<ExportFile>)
      .then((file) => current && setLoaded({ url: at, file, error: null }))
      .catch((error: unknown) => current && setLoaded({ url: at, file: null, error: error as Error }));
    return () => {
      current = false;
    };
  }, [version, table]);
  // What was loaded for another table is not shown while this one loads.
  return loaded && loaded.url === url ? loaded : { file: null, error: null };
}
