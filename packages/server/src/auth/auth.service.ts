import { ErrorCode } from '@chorus/shared';
import type { ApiKeysService } from '../api-keys/api-keys.service.js';
import { isApiKey } from '../api-keys/api-keys.service.js';
import { AuditAction } from '../audit/audit-action.js';
import type { AuditService } from '../audit/audit.service.js';
import { DomainError, forbidden, unauthenticated } from '../common/errors.js';
import * as validate from '../common/validate.js';
import { Caller } from '../access/caller.js';
import type { RequestContext } from '../db/request-context.js';
import { User } from '../users/user.entity.js';
import { validPassword } from './password-strength.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords.js';
import type { SignInThrottle } from '../rate-limit/sign-in-throttle.js';
import { isSessionToken, readSessionToken, signSessionToken } from './tokens.js';

const SESSION_HOURS = 12;

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
    await this.audit.record(ctx.as(Caller.user(user)), AuditAction.UserSignedIn, 'user', user.id);
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
    await this.audit.record(ctx, AuditAction.UserSignedOut, 'user', claims.userId);
    return ended.length > 0;
  }

  /** Changing the password ends every session token issued before. */
  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<User> {
    if (!ctx.caller.authenticated) throw unauthenticated('Sign in to change your password');
    const userId = ctx.caller.userId;
    if (ctx.caller.kind !== 'user' || !userId)
      throw forbidden('An API key has no password; revoke it and create a new one instead');
    validPassword('newPassword', newPassword);
    return ctx.transaction(async (tx) => {
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
        `UPDATE users SET password_hash = $2,
           password_changed_at = greatest(date_trunc('second', now()), date_trunc('second', password_changed_at) + interval '1 second')
         WHERE id = $1`,
        [userId, await hashPassword(newPassword)],
      );
      await this.audit.record(tx, AuditAction.UserPasswordChanged, 'user', userId);
      return tx.manager.findOneByOrFail(User, { id: userId });
    });
  }

  /**
   * Turns a bearer token into a caller. No token: anonymous. A token that is not valid:
   * UNAUTHENTICATED, so a client with a stale token learns it rather than seeing less.
   */
  async callerFor(ctx: RequestContext, authorization: string | undefined): Promise<Caller> {
    if (!authorization) return Caller.anonymous;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('Authorization must be "Bearer <token>"');
    const token = match[1]!;
    if (isApiKey(token)) {
      const key = await this.apiKeys.authenticate(ctx, token);
      if (!key) throw unauthenticated('This API key is not valid or has been revoked');
      return Caller.apiKey(key);
    }
    if (isSessionToken(token)) {
      const claims = readSessionToken(this.sessionKey, token);
      if (!claims || claims.expiresAt * 1000 <= Date.now())
        throw unauthenticated('Your session has expired; sign in again');
      // One query: the user, provided the session is still open (logout and disabling end it).
      const user = await ctx.manager
        .createQueryBuilder(User, 'u')
        .innerJoin('user_sessions', 's', 's.user_id = u.id AND s.id = :sessionId AND s.ended_at IS NULL', {
          sessionId: claims.sessionId,
        })
        .where('u.id = :userId', { userId: claims.userId })
        .getOne();
      if (!user || user.disabledAt || epochSeconds(user.passwordChangedAt) !== claims.passwordChangedAt) {
        throw unauthenticated('Your session has ended; sign in again');
      }
      return Caller.user(user);
    }
    throw unauthenticated('This token is not one Chorus issued');
  }

  private sessionClaims(authorization: string | undefined) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    return token && isSessionToken(token) ? readSessionToken(this.sessionKey, token) : null;
  }
}
