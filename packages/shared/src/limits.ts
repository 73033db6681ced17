/** Longest response text, in characters. */
const TEXT_LENGTH = 10_000;
/** Most responses in one `submitResponses` batch. */
const BATCH_SIZE = 500;

/** Input and query limits the server enforces; the admin app validates against the same numbers. */
export const LIMITS = {
  /** Longest response text, in characters. */
  textLength: TEXT_LENGTH,
  /** Longest name, title or label, in characters. */
  nameLength: 200,
  /** Largest headcount of one session: more is a typing slip, not a session. */
  headcount: 10_000,
  /** Longest idempotency key, in characters. */
  idempotencyKeyLength: 255,
  /** Most paper forms printed in one download (each sheet reserves a participant code). */
  paperForms: 100,
  /** Most responses in one `submitResponses` batch. */
  batchSize: BATCH_SIZE,
  /** Default and largest page size of a connection. */
  pageSizeDefault: 20,
  pageSizeMax: 100,
  /** Most tokens (names, punctuation, values) in one document, checked before it is validated. */
  queryTokens: 3_000,
  /** Deepest query nesting accepted. */
  queryDepth: 10,
  /** Deepest nesting under `__schema`/`__type`: graphql-js `getIntrospectionQuery()` needs 15. */
  introspectionDepth: 20,
  /** Most times one field (or alias) may be selected in the same selection set. */
  fieldRepeats: 10,
  /** Most fields in one document once its fragments are expanded. */
  expandedFields: 1_000,
  /** Most aliases in one operation. */
  aliases: 15,
  /** Highest estimated query cost accepted. */
  queryCost: 5_000,
  /**
   * Largest HTTP request body, in bytes: room for the largest batch, every text at its longest in
   * three-byte UTF-8 characters, with 512 bytes of JSON around each response and 64 KiB besides.
   */
  bodyBytes: BATCH_SIZE * (TEXT_LENGTH * 3 + 512) + 65_536,
  /** The range of the engagement's suppression threshold (the smallest figure released). */
  thresholdMin: 2,
  thresholdMax: 1_000,
  /** Longest privacy-notice version label, in characters. */
  noticeVersionLength: 50,
  /** Shortest staff password. */
  passwordLength: 12,
  /** Most rules in a safeguarding rule set, and the longest phrase or pattern, in characters. */
  safeguardingRules: 500,
  safeguardingRuleLength: 500,
} as const;

/** Length of a participant's printable code. */
export const PARTICIPANT_CODE_LENGTH = 6;

/** Letters and digits that cannot be mistaken for one another on a handwritten form (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export const PARTICIPANT_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
