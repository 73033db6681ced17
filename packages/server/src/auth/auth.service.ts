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
import { validPassword } from '../users/users.service.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords.js';
import { isSessionToken, readSessionToken, signSessionToken } from './tokens.js';

const SESSION_HOURS = 12;
const FAILURES_ALLOWED = 10;
const FAILURE_WINDOW_MS = 15 * 60_000;
const MAX_TRACKED_EMAILS = 10_000;

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: User;
}

/** Whole seconds, the precision a token carries. */
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export class AuthService {
  /** Failed sign-ins per email, per instance: a brake on guessing, not a lockout. */
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly sessionKey: Buffer,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
  ) {}

  async login(ctx: RequestContext, rawEmail: string, password: string): Promise<LoginResult> {
    const email = validate.email('email', rawEmail);
    this.refuseWhenThrottled(email);
    const user = await ctx.manager
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = :email AND u.disabled_at IS NULL', { email })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? (await DUMMY_HASH_PROMISE), password);
    if (!user || !ok) {
      this.noteFailure(email);
      throw unauthenticated('Email or password is wrong');
    }
    this.failures.delete(email);
    const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
    const token = signSessionToken(this.sessionKey, {
      userId: user.id,
      expiresAt: epochSeconds(expiresAt),
      passwordChangedAt: epochSeconds(user.passwordChangedAt),
    });
    await this.audit.record(ctx.as(Caller.user(user)), AuditAction.UserSignedIn, 'user', user.id);
    return { token, expiresAt, user };
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
      const user = await ctx.manager.findOneBy(User, { id: claims.userId });
      if (!user || user.disabledAt || epochSeconds(user.passwordChangedAt) !== claims.passwordChangedAt) {
        throw unauthenticated('Your session has ended; sign in again');
      }
      return Caller.user(user);
    }
    throw unauthenticated('This token is not one Chorus issued');
  }

  private refuseWhenThrottled(email: string): void {
    const recent = (this.failures.get(email) ?? []).filter((at) => at > Date.now() - FAILURE_WINDOW_MS);
    this.failures.set(email, recent);
    if (recent.length >= FAILURES_ALLOWED) {
      throw new DomainError(ErrorCode.RATE_LIMITED, 'Too many failed sign-ins for this email; try again in 15 minutes');
    }
  }

  private noteFailure(email: string): void {
    // Bounded: a flood of made-up emails must not grow memory without limit.
    if (this.failures.size >= MAX_TRACKED_EMAILS) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(email, [...(this.failures.get(email) ?? []), Date.now()]);
  }
}
