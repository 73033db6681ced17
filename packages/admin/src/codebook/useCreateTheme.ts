import { useMutation } from '@apollo/client/react';
import { CodebookQuery, CreateThemeMutation } from './codebook.graphql';

/** Adds a theme; the codebook is read again so the new theme takes its place in the tree. */
export function useCreateTheme() {
  return useMutation(CreateThemeMutation, { refetchQueries: [CodebookQuery], awaitRefetchQueries: true });
}
