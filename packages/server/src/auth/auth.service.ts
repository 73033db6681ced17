import { ErrorCode, type Role } from '@chorus/shared';
import type { ApiKeysService } from '../api-keys/api-keys.service.js';
import { isApiKey } from '../api-keys/api-keys.service.js';
import { AuditAction } from '../audit/audit-action.js';
import type { AuditService } from '../audit/audit.service.js';
import { sha256 } from '../common/crypto.js';
import { BACKGROUND_SQL } from '../common/sql.js';
import { DomainError, forbidden, unauthenticated } from '../common/errors.js';
import * as validate from '../common/validate.js';
import { Caller } from '../access/caller.js';
import type { RequestContext } from '../db/request-context.js';
import { User } from '../users/user.entity.js';
import type { CallerCache, TokenHolder } from './caller-cache.js';
import { validPassword } from './password-strength.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords.js';
import type { SignInThrottle } from '../rate-limit/sign-in-throttle.js';
import { isSessionToken, readSessionToken, signSessionToken } from './tokens.js';

const SESSION_HOURS = 12;
/** Cache keys: a session token by its sign-in session, an API key by its hash. */
const SESSION = 'session:';
const API_KEY = 'key:';

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: User;
}

/** Whole seconds, the precision a token carries. */
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export class AuthService {
  constructor(
    private readonly sessionKey: Buffer,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
    private readonly throttle: SignInThrottle,
    private readonly callers: CallerCache,
  ) {}

  /** `ip` is the caller's address: sign-in attempts are throttled per IP and per (email, IP). */
  async login(ctx: RequestContext, rawEmail: string, password: string, ip: string): Promise<LoginResult> {
    const email = validate.email('email', rawEmail);
    const user = await this.throttle.attempt(email, ip, async () => {
      const found = await ctx.manager
        .createQueryBuilder(User, 'u')
        .addSelect('u.passwordHash')
        .where('lower(u.email) = :email AND u.disabled_at IS NULL', { email })
        .getOne();
      const ok = await verifyPassword(found?.passwordHash ?? (await DUMMY_HASH_PROMISE), password);
      return found && ok ? found : null;
    });
    if (!user) throw unauthenticated('Email or password is wrong');
    const [signedIn] = await ctx.query<{ last_signed_in_at: Date }>(
      `WITH signed_in AS (UPDATE users SET last_signed_in_at = now() WHERE id = $1 RETURNING last_signed_in_at)
       SELECT last_signed_in_at FROM signed_in`,
      [user.id],
    );
    user.lastSignedInAt = signedIn!.last_signed_in_at;
    const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
    const [session] = await ctx.query<{ id: string }>(
      `INSERT INTO user_sessions (user_id, expires_at) VALUES ($1, $2) RETURNING id`,
      [user.id, expiresAt],
    );
    const token = signSessionToken(this.sessionKey, {
      sessionId: session!.id,
      userId: user.id,
      expiresAt: epochSeconds(expiresAt),
      passwordChangedAt: epochSeconds(user.passwordChangedAt),
    });
    await this.audit.record(ctx.as(Caller.user(user)), {
      action: AuditAction.UserSignedIn,
      entityType: 'user',
      entityId: user.id,
    });
    return { token, expiresAt, user };
  }

  /** Ends the session of `authorization`'s token, for good; true when it was open. */
  async logout(ctx: RequestContext, authorization: string | undefined): Promise<boolean> {
    const claims = this.sessionClaims(authorization);
    if (!claims || ctx.caller.kind !== 'user')
      throw forbidden('Only a signed-in user can sign out; an API key is revoked instead');
    const ended = await ctx.query(
      `WITH ended AS (
         UPDATE user_sessions SET ended_at = now() WHERE id = $1 AND user_id = $2 AND ended_at IS NULL RETURNING id
       ) SELECT id FROM ended`,
      [claims.sessionId, claims.userId],
    );
    this.callers.evict((caller) => caller.userId === claims.userId);
    await this.audit.record(ctx, { action: AuditAction.UserSignedOut, entityType: 'user', entityId: claims.userId });
    return ended.length > 0;
  }

  /** Changing the password ends every session token issued before. */
  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<User> {
    if (!ctx.caller.authenticated) throw unauthenticated('Sign in to change your password');
    const userId = ctx.caller.userId;
    if (ctx.caller.kind !== 'user' || !userId)
      throw forbidden('An API key has no password; revoke it and create a new one instead');
    validPassword('newPassword', newPassword);
    if (newPassword === currentPassword) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'newPassword must differ from the current one', 'newPassword');
    }
    const changed = await ctx.transaction(async (tx) => {
      const user = await tx.manager
        .createQueryBuilder(User, 'u')
        .addSelect('u.passwordHash')
        .where('u.id = :userId', { userId })
        .setLock('pessimistic_write')
        .getOneOrFail();
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, 'currentPassword is wrong', 'currentPassword');
      }
      // Whole seconds, strictly later than the last change, so older tokens never match.
      await tx.query(
        `UPDATE users SET password_hash = $2, must_change_password = false,
           password_changed_at = greatest(date_trunc('second', now()), date_trunc('second', password_changed_at) + interval '1 second')
         WHERE id = $1`,
        [userId, await hashPassword(newPassword)],
      );
      await this.audit.record(tx, { action: AuditAction.UserPasswordChanged, entityType: 'user', entityId: userId });
      return tx.manager.findOneByOrFail(User, { id: userId });
    });
    this.callers.evict((caller) => caller.userId === userId);
    return changed;
  }

  /**
   * Turns a bearer token into a caller. No token: anonymous. A token that is not valid:
   * UNAUTHENTICATED, so a client with a stale token learns it rather than seeing less. Who holds
   * a token is remembered (`CallerCache`): most requests run no query to authenticate.
   */
  async callerFor(ctx: RequestContext, authorization: string | undefined): Promise<Caller> {
    if (!authorization) return Caller.anonymous;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('Authorization must be "Bearer <token>"');
    const token = match[1]!;
    if (isApiKey(token)) {
      const hash = sha256(token);
      const holder = await this.callers.get(`${API_KEY}${hash.toString('hex')}`, async () => {
        const key = await this.apiKeys.authenticate(ctx, token);
        return key && { caller: Caller.apiKey(key) };
      });
      if (!holder) throw unauthenticated('This API key is not valid or has been revoked');
      return holder.caller;
    }
    if (isSessionToken(token)) {
      const claims = readSessionToken(this.sessionKey, token);
      if (!claims || claims.expiresAt * 1000 <= Date.now())
        throw unauthenticated('Your session has expired; sign in again');
      const holder = await this.callers.get(`${SESSION}${claims.sessionId}`, async () => {
        const [open] = await this.openSessions(ctx, [claims.sessionId]);
        return open?.holder ?? null;
      });
      if (!holder || holder.caller.userId !== claims.userId || holder.passwordChangedAt !== claims.passwordChangedAt) {
        throw unauthenticated('Your session has ended; sign in again');
      }
      return holder.caller;
    }
    throw unauthenticated('This token is not one Chorus issued');
  }

  /**
   * Re-checks every remembered token each second, one query per kind, until the returned function
   * is called; `ctx` is the process's own (system) unit of work.
   */
  startRevalidation(ctx: RequestContext, onError: (error: unknown) => void): () => void {
    let lastRound = Date.now();
    return this.callers.start(async (keys) => {
      const since = lastRound;
      lastRound = Date.now();
      const sessions = keys.filter((key) => key.startsWith(SESSION)).map((key) => key.slice(SESSION.length));
      const hashes = keys.filter((key) => key.startsWith(API_KEY)).map((key) => key.slice(API_KEY.length));
      const used = new Set(this.callers.usedSince(since, API_KEY));
      const [open, keysActive] = await Promise.all([
        sessions.length ? this.openSessions(ctx, sessions, BACKGROUND_SQL) : [],
        hashes.length
          ? this.apiKeys.active(
              ctx,
              hashes.map((hex) => Buffer.from(hex, 'hex')),
              hashes.filter((hex) => used.has(`${API_KEY}${hex}`)).map((hex) => Buffer.from(hex, 'hex')),
              BACKGROUND_SQL,
            )
          : [],
      ]);
      return new Map<string, TokenHolder>([
        ...open.map(({ sessionId, holder }) => [`${SESSION}${sessionId}`, holder] as const),
        ...keysActive.map(
          (key) => [`${API_KEY}${key.keyHash.toString('hex')}`, { caller: Caller.apiKey(key) }] as const,
        ),
      ]);
    }, onError);
  }

  /** Of these sign-in sessions, the open ones of active users, with who holds them. */
  private async openSessions(ctx: RequestContext, sessionIds: string[], lead = '') {
    const rows = await ctx.query<{
      session_id: string;
      id: string;
      role: Role;
      organisation_id: string | null;
      password_changed_at: Date;
      must_change_password: boolean;
    }>(
      `${lead}SELECT s.id AS session_id, u.id, u.role, u.organisation_id, u.password_changed_at, u.must_change_password
       FROM user_sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = ANY($1::uuid[]) AND s.ended_at IS NULL AND u.disabled_at IS NULL`,
      [sessionIds],
    );
    return rows.map((row) => ({
      sessionId: row.session_id,
      holder: {
        caller: Caller.user({
          id: row.id,
          role: row.role,
          organisationId: row.organisation_id,
          mustChangePassword: row.must_change_password,
        }),
        passwordChangedAt: epochSeconds(row.password_changed_at),
      },
    }));
  }

  private sessionClaims(authorization: string | undefined) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    return token && isSessionToken(token) ? readSessionToken(this.sessionKey, token) : null;
  }
}
