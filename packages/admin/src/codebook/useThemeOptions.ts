import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { ThemeOptionsQuery } from './codebook.graphql';
import { themeOptions } from './themeTree';

/** Every theme as a picker option labelled with its path; `skip` for roles that may not read the codebook. */
export function useThemeOptions({ skip = false }: { skip?: boolean } = {}) {
  const { data, loading, error, refetch } = useQuery(ThemeOptionsQuery, { skip });
  const options = useMemo(() => themeOptions(data?.themes ?? []), [data]);
  return { options, loading: loading && !data, error, refetch };
}
