import { useMutation } from '@apollo/client/react';
import { UpdateThemeMutation } from './codebook.graphql';

/** Renames, describes or moves a theme; the answer updates the cached theme, and with it the tree. */
export function useUpdateTheme() {
  return useMutation(UpdateThemeMutation);
}
