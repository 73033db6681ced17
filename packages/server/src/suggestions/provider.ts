import type { RequestContext } from '../db/request-context.js';

/** What a provider is asked: one response's stored text (already redacted on the way in). */
export interface SuggestionRequest {
  text: string;
  /** Themes the response is already coded to: never suggested again. */
  codedThemeIds: readonly string[];
  /** The themes of the engagement's codebook now; nothing else may be suggested. */
  themeIds: ReadonlySet<string>;
}

export interface ProvidedSuggestion {
  themeId: string;
  score: number;
  words: string[];
  modelVersion: number;
}

/**
 * Where suggestions come from. Chorus ships only the local provider (`LocalProvider`, a model
 * trained on the engagement's own codings, in this process). The request carries the response's
 * text and theme ids only, never its participant, session or any other record. A provider that
 * would send even that out of the process (a hosted language model) says so with
 * `external: true`, and SuggestionsService refuses to use it until a redaction step for external
 * providers exists (docs/analysis.md).
 */
export interface SuggestionProvider {
  readonly name: string;
  readonly external: boolean;
  /** Up to three suggestions, most likely first; none while the provider has nothing to go on. */
  suggest(ctx: RequestContext, request: SuggestionRequest): Promise<ProvidedSuggestion[]>;
}
