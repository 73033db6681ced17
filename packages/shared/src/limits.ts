/** Input and query limits the server enforces; the admin app validates against the same numbers. */
export const LIMITS = {
  /** Longest response text, in characters. */
  textLength: 10_000,
  /** Longest name, title or label, in characters. */
  nameLength: 200,
  /** Longest idempotency key, in characters. */
  idempotencyKeyLength: 255,
  /** Most responses in one `submitResponses` batch. */
  batchSize: 500,
  /** Default and largest page size of a connection. */
  pageSizeDefault: 20,
  pageSizeMax: 100,
  /** Deepest query nesting accepted. */
  queryDepth: 10,
  /** Most aliases in one operation. */
  aliases: 15,
  /** Highest estimated query cost accepted. */
  queryCost: 5_000,
  /** Largest HTTP request body, in bytes. */
  bodyBytes: 1_048_576,
  /** Shortest staff password. */
  passwordLength: 12,
} as const;

/** Length of a participant's printable code. */
export const PARTICIPANT_CODE_LENGTH = 6;

/** Letters and digits that cannot be mistaken for one another on a handwritten form (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export const PARTICIPANT_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
