import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { CodeResponseMutation } from './coding.graphql';

export interface CodeRequest {
  responseId: string;
  themeIds: readonly string[];
  /** A passage of the text; null codes the whole response. */
  excerpt: string | null;
}

/**
 * Codes a response, or an excerpt of it, to each chosen theme: one `codeResponse` per theme,
 * in turn, stopping at the first refusal. Each answer carries the response's codings, so the
 * cache (and every view of the response) is up to date without reading it again.
 */
export function useCodeResponse() {
  const [mutate, { error, reset }] = useMutation(CodeResponseMutation);
  const [saving, setSaving] = useState(false);
  const codeResponse = async ({ responseId, themeIds, excerpt }: CodeRequest) => {
    setSaving(true);
    try {
      for (const themeId of themeIds) await mutate({ variables: { input: { responseId, themeId, excerpt } } });
    } finally {
      setSaving(false);
    }
  };
  return [codeResponse, { saving, error, reset }] as const;
}
