import { randomBytes } from 'node:crypto';
import { Permission, Role } from '@chorus/shared';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { sha256 } from '../common/crypto.js';
import { badInput, notFound } from '../common/errors.js';
import { byCreatedAt, paginate, type PageArgs, type Cursors } from '../common/pagination.js';
import * as validate from '../common/validate.js';
import type { CallerCache } from '../auth/caller-cache.js';
import type { RequestContext } from '../db/request-context.js';
import { ApiKey } from './api-key.entity.js';

const KEY_PREFIX = 'ck_';

export interface CreateApiKeyData {
  label: string;
  role: Role;
  organisationId?: string | null;
}

export function isApiKey(token: string): boolean {
  return token.startsWith(KEY_PREFIX);
}

/** What authenticating by an API key needs to know. */
export interface ActiveKey {
  id: string;
  role: Role;
  organisationId: string | null;
  keyHash: Buffer;
}

export class ApiKeysService {
  constructor(
    private readonly useCases: UseCases,
    private readonly cursors: Cursors,
    private readonly callers: CallerCache,
  ) {}

  /** Returns the key itself once; only its SHA-256 hash is kept. */
  async create(ctx: RequestContext, input: CreateApiKeyData): Promise<{ key: string; apiKey: ApiKey }> {
    return this.useCases.run(ctx, Permission.ApiKeyManage, async (tx) => {
      const label = validate.requiredText('label', input.label);
      const organisationId = validate.optionalId('organisationId', input.organisationId);
      if (input.role !== Role.PARTNER && input.role !== Role.COUNCIL_READER) {
        throw badInput('role', 'an API key is for PARTNER or COUNCIL_READER');
      }
      if (input.role === Role.PARTNER && !organisationId) {
        throw badInput('organisationId', 'a PARTNER key needs an organisation');
      }
      if (input.role === Role.COUNCIL_READER && organisationId) {
        throw badInput('organisationId', 'a COUNCIL_READER key belongs to no organisation');
      }
      const key = KEY_PREFIX + randomBytes(32).toString('base64url');
      if (organisationId) {
        const [org] = await tx.query(`SELECT 1 FROM organisations WHERE id = $1`, [organisationId]);
        if (!org) throw notFound('Organisation', 'organisationId');
      }
      const saved = await tx.manager.save(
        tx.manager.create(ApiKey, {
          label,
          role: input.role,
          organisationId,
          prefix: key.slice(0, KEY_PREFIX.length + 8),
          keyHash: sha256(key),
          createdByUserId: tx.caller.userId,
        }),
      );
      return audited(
        { key, apiKey: await tx.manager.findOneByOrFail(ApiKey, { id: saved.id }) },
        { action: AuditAction.ApiKeyCreated, entityType: 'api_key', entityId: saved.id, details: { role: input.role } },
      );
    });
  }

  async revoke(ctx: RequestContext, rawId: string): Promise<ApiKey> {
    const revoked = await this.useCases.run(ctx, Permission.ApiKeyManage, async (tx) => {
      const id = validate.id('id', rawId);
      const [row] = await tx.query(
        `WITH revoked AS (UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id)
       SELECT id FROM revoked`,
        [id],
      );
      if (!row) throw notFound('API key', 'id');
      return audited(await tx.manager.findOneByOrFail(ApiKey, { id }), {
        action: AuditAction.ApiKeyRevoked,
        entityType: 'api_key',
        entityId: id,
      });
    });
    // This instance forgets the key at once; the others at their next re-check.
    this.callers.evict((caller) => caller.apiKeyId === revoked.id);
    return revoked;
  }

  findByIds(ctx: RequestContext, ids: readonly string[]): Promise<ApiKey[]> {
    return ctx.manager.createQueryBuilder(ApiKey, 'k').where('k.id = ANY(:ids)', { ids }).getMany();
  }

  list(ctx: RequestContext, page: PageArgs) {
    ctx.require(Permission.ApiKeyManage);
    return paginate(ctx.manager.createQueryBuilder(ApiKey, 'k'), byCreatedAt<ApiKey>('k'), page, this.cursors);
  }

  /** The live key this token is, or null. Marks it used, at most once a minute to spare writes. */
  /** The unrevoked key with this secret, in one statement (it also records the use, at most once a minute). */
  async authenticate(ctx: RequestContext, token: string): Promise<ActiveKey | null> {
    const hash = sha256(token);
    const [key] = await this.active(ctx, [hash], [hash]);
    return key ?? null;
  }

  /**
   * Of these key hashes, the keys not revoked; records the use of those in `used` (at most once a
   * minute), so `lastUsedAt` stays within a minute or two of the truth when callers are remembered.
   */
  async active(ctx: RequestContext, hashes: Buffer[], used: Buffer[], lead = ''): Promise<ActiveKey[]> {
    const rows = await ctx.query<{ id: string; role: Role; organisation_id: string | null; key_hash: Buffer }>(
      `${lead}WITH key AS (
         SELECT id, role, organisation_id, key_hash FROM api_keys WHERE key_hash = ANY($1) AND revoked_at IS NULL
       ), used AS (
         UPDATE api_keys SET last_used_at = now()
         WHERE id IN (SELECT id FROM key WHERE key_hash = ANY($2)) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
       )
       SELECT id, role, organisation_id, key_hash FROM key`,
      [hashes, used],
    );
    return rows.map((row) => ({
      id: row.id,
      role: row.role,
      organisationId: row.organisation_id,
      keyHash: row.key_hash,
    }));
  }
}
