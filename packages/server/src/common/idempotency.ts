import { ErrorCode } from '@chorus/shared';
import type { Caller } from '../access/caller.js';
import type { RequestContext } from '../db/request-context.js';
import { hmac, safeEqual } from './crypto.js';
import { DomainError } from './errors.js';

/**
 * Idempotency keys belong to a partner organisation, or to one staff member: never shared across
 * tenants. The questionnaire's keys are random per form, issued by the server, so they share one scope.
 */
export function idempotencyScope(caller: Caller): string {
  if (caller.kind === 'resident') return 'questionnaire';
  return caller.organisationId ? `organisation:${caller.organisationId}` : `user:${caller.userId}`;
}

/**
 * `payload_hash_version`: 0 for a hash forgotten (its rows' personal data was deleted), 1 for rows written before this helper (a plain SHA-256 of a batch, or
 * an HMAC of a registration's raw input), 2 for a keyed HMAC of the normalised payload.
 */
export const PAYLOAD_HASH_VERSION = 2;
const FORGOTTEN = 0;

/** The tables that hold claimed keys; each has idempotency_scope, idempotency_key, payload_hash, payload_hash_version. */
type KeyTable = 'submissions' | 'participant_registrations';

export interface IdempotentRequest {
  table: KeyTable;
  key: string;
  /** The request as it means: already validated and normalised (see `normalisePayload`). */
  payload: unknown;
  /** How a row written before version 2 hashed this request, so a retry across the upgrade still replays. */
  legacyHash?: () => Buffer;
  /** Other columns of the claimed row, e.g. the batch's session. */
  columns?: Record<string, unknown>;
  /** The IDEMPOTENCY_CONFLICT message: what the key was used for. */
  conflict: string;
}

export type Claim = { first: true; id: string } | { first: false; id: string };

/**
 * Sorted keys and no nulls: `{ageBand: null}` and a missing `ageBand` are the same payload, and
 * so are two orders of the same fields. Arrays keep their order; sort those that are sets first.
 */
export function normalisePayload(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalisePayload);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, normalisePayload(v)]),
    );
  }
  return value;
}

/**
 * Claim a key, compare the payload, replay the first result: one helper for batches and
 * registrations. The key is claimed by a unique constraint inside the caller's transaction, so
 * concurrent retries of one key wait on each other and exactly one does the work. The stored
 * hash is an HMAC under a key derived from the server secret: it may stand for text holding a
 * name, and must not be checkable against guesses.
 */
export class Idempotency {
  constructor(private readonly hashKey: Buffer) {}

  hash(payload: unknown): Buffer {
    return hmac(this.hashKey, JSON.stringify(normalisePayload(payload)));
  }

  /**
   * `first: true` when this request claimed the key (the caller does the work and stores its
   * result against `id`); otherwise the row of the first request with the same key and payload.
   * A different payload under a used key is IDEMPOTENCY_CONFLICT.
   */
  async claim(tx: RequestContext, request: IdempotentRequest): Promise<Claim> {
    const scope = idempotencyScope(tx.caller);
    const payloadHash = this.hash(request.payload);
    const extra = Object.entries(request.columns ?? {});
    const columns = [
      'idempotency_scope',
      'idempotency_key',
      'payload_hash',
      'payload_hash_version',
      ...extra.map(([c]) => c),
    ];
    const values = [scope, request.key, payloadHash, PAYLOAD_HASH_VERSION, ...extra.map(([, v]) => v)];
    const [claimed] = await tx.query<{ id: string }>(
      `INSERT INTO ${request.table} (${columns.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (idempotency_scope, idempotency_key) DO NOTHING RETURNING id`,
      values,
    );
    if (claimed) return { first: true, id: claimed.id };

    const [first] = await tx.query<{ id: string; payload_hash: Buffer; payload_hash_version: number }>(
      `SELECT id, payload_hash, payload_hash_version FROM ${request.table}
       WHERE idempotency_scope = $1 AND idempotency_key = $2`,
      [scope, request.key],
    );
    // A forgotten hash cannot be compared: the key still replays what is left, never stores again.
    if (first!.payload_hash_version === FORGOTTEN) return { first: false, id: first!.id };
    const expected = first!.payload_hash_version === PAYLOAD_HASH_VERSION ? payloadHash : request.legacyHash?.();
    if (!expected || !safeEqual(first!.payload_hash, expected)) {
      throw new DomainError(ErrorCode.IDEMPOTENCY_CONFLICT, request.conflict, 'idempotencyKey');
    }
    return { first: false, id: first!.id };
  }

  /**
   * Forgets the payload hashes of the claimed keys `ids` selects (a subquery on `params`): once the
   * personal data a hash covered is deleted, the hash must not stay testable against guesses.
   * Returns how many rows changed.
   */
  async forget(ctx: RequestContext, table: KeyTable, ids: string, params: unknown[]): Promise<number> {
    const [row] = await ctx.query<{ n: number }>(
      `WITH forgotten AS (
         UPDATE ${table} SET payload_hash = ''::bytea, payload_hash_version = ${FORGOTTEN}
         WHERE id IN (${ids}) AND payload_hash_version <> ${FORGOTTEN} RETURNING 1)
       SELECT count(*)::int AS n FROM forgotten`,
      params,
    );
    return row!.n;
  }
}
