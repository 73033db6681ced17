import { randomInt } from 'node:crypto';
import { Permission, Role } from '@chorus/shared';
import { validPassword } from '../auth/password-strength.js';
import { hashPassword } from '../auth/passwords.js';
import { badInput, forbidden, notFound } from '../common/errors.js';
import { byCreatedAt, paginate, type PageArgs, type Cursors } from '../common/pagination.js';
import * as validate from '../common/validate.js';
import type { CallerCache } from '../auth/caller-cache.js';
import type { RequestContext } from '../db/request-context.js';
import { audited, type UseCases } from '../access/use-case.js';
import { AuditAction } from '../audit/audit-action.js';
import { User } from './user.entity.js';

export interface CreateUserData {
  email: string;
  displayName: string;
  role: Role;
  password: string;
  organisationId?: string | null;
}

export interface ChangeUserRoleData {
  id: string;
  role: Role;
  organisationId?: string | null;
}

/** Readable and strong: 20 random characters from an alphabet without look-alikes, in groups of five. */
function newTemporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]);
  return [0, 5, 10, 15].map((start) => chars.slice(start, start + 5).join('')).join('-');
}

/** The organisation a user of `role` belongs to: PARTNER users need one, nobody else has one. */
async function roleOrganisation(tx: RequestContext, role: Role, rawOrganisationId: string | null | undefined) {
  const organisationId = validate.optionalId('organisationId', rawOrganisationId);
  if (role === Role.COUNCIL_READER) {
    throw badInput('role', 'COUNCIL_READER is for API keys; council systems do not sign in');
  }
  if (role === Role.PARTNER && !organisationId)
    throw badInput('organisationId', 'a PARTNER user needs an organisation');
  if (role !== Role.PARTNER && organisationId) {
    throw badInput('organisationId', 'only PARTNER users belong to an organisation');
  }
  if (organisationId) {
    const [org] = await tx.query(`SELECT 1 FROM organisations WHERE id = $1`, [organisationId]);
    if (!org) throw notFound('Organisation', 'organisationId');
  }
  return organisationId;
}

/**
 * Refuses a change that would take `userId` out of the active admins when no other remains.
 * Locks the active admins' rows, so two admins demoting or disabling each other at once cannot
 * both succeed.
 */
async function keepAnAdmin(tx: RequestContext, userId: string, field: string): Promise<void> {
  const admins = await tx.query<{ id: string }>(
    `SELECT id FROM users WHERE role = 'ADMIN' AND disabled_at IS NULL ORDER BY id FOR UPDATE`,
  );
  if (admins.some((admin) => admin.id === userId) && admins.length === 1) {
    throw badInput(field, 'this is the last active admin; make another user an admin first');
  }
}

export class UsersService {
  constructor(
    private readonly useCases: UseCases,
    private readonly cursors: Cursors,
    private readonly callers: CallerCache,
  ) {}

  async create(ctx: RequestContext, input: CreateUserData): Promise<User> {
    return this.useCases.run(ctx, Permission.UserManage, async (tx) => {
      const email = validate.email('email', input.email);
      const displayName = validate.requiredText('displayName', input.displayName);
      const password = validPassword('password', input.password, [email, displayName]);
      const organisationId = await roleOrganisation(tx, input.role, input.organisationId);
      const [taken] = await tx.query(`SELECT 1 FROM users WHERE lower(email) = $1`, [email]);
      if (taken) throw badInput('email', 'a user with this email already exists');
      const user = tx.manager.create(User, {
        email,
        displayName,
        role: input.role,
        organisationId,
        passwordHash: await hashPassword(password),
      });
      const saved = await tx.manager.save(user);
      return audited(await tx.manager.findOneByOrFail(User, { id: saved.id }), {
        action: AuditAction.UserCreated,
        entityType: 'user',
        entityId: saved.id,
        details: { role: saved.role },
      });
    });
  }

  list(ctx: RequestContext, roles: readonly Role[] | null | undefined, page: PageArgs) {
    ctx.require(Permission.UserList);
    const query = ctx.manager.createQueryBuilder(User, 'u');
    if (roles?.length) query.where('u.role = ANY(:roles)', { roles });
    return paginate(query, byCreatedAt<User>('u'), page, this.cursors);
  }

  findByIds(ctx: RequestContext, ids: readonly string[]): Promise<User[]> {
    return ctx.manager.createQueryBuilder(User, 'u').where('u.id = ANY(:ids)', { ids }).getMany();
  }

  /**
   * Gives a user another role (and, for PARTNER, its organisation). Their open sessions carry on
   * under the new role at once. Refused when it would leave the install without an active admin.
   */
  async changeRole(ctx: RequestContext, input: ChangeUserRoleData): Promise<User> {
    const user = await this.useCases.run(ctx, Permission.UserManage, async (tx) => {
      const id = validate.id('id', input.id);
      const organisationId = await roleOrganisation(tx, input.role, input.organisationId);
      const before = await tx.manager.findOneBy(User, { id });
      if (!before) throw notFound('User', 'id');
      if (before.role === Role.ADMIN && input.role !== Role.ADMIN) await keepAnAdmin(tx, id, 'role');
      await tx.query(`UPDATE users SET role = $2, organisation_id = $3 WHERE id = $1`, [
        id,
        input.role,
        organisationId,
      ]);
      return audited(await tx.manager.findOneByOrFail(User, { id }), {
        action: AuditAction.UserRoleChanged,
        entityType: 'user',
        entityId: id,
        details: { from: before.role, to: input.role },
      });
    });
    this.callers.evict((caller) => caller.userId === user.id);
    return user;
  }

  /**
   * Replaces a user's password with a temporary one, returned once and never stored in the clear:
   * every session of theirs ends, and signed in with it they may only set their own. Not yourself.
   */
  async resetPassword(ctx: RequestContext, rawId: string): Promise<{ user: User; temporaryPassword: string }> {
    const temporaryPassword = newTemporaryPassword();
    const user = await this.useCases.run(ctx, Permission.UserManage, async (tx) => {
      const id = validate.id('id', rawId);
      if (tx.caller.userId === id) throw forbidden('Change your own password instead of resetting it');
      const [row] = await tx.query(
        `WITH changed AS (
           UPDATE users SET password_hash = $2, must_change_password = true,
             password_changed_at = greatest(date_trunc('second', now()), date_trunc('second', password_changed_at) + interval '1 second')
           WHERE id = $1 RETURNING id
         ) SELECT id FROM changed`,
        [id, await hashPassword(temporaryPassword)],
      );
      if (!row) throw notFound('User', 'id');
      await tx.query(`UPDATE user_sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL`, [id]);
      return audited(await tx.manager.findOneByOrFail(User, { id }), {
        action: AuditAction.UserPasswordReset,
        entityType: 'user',
        entityId: id,
      });
    });
    this.callers.evict((caller) => caller.userId === user.id);
    return { user, temporaryPassword };
  }

  /**
   * Disables or re-enables a user. Disabling ends every open session, and re-enabling leaves them
   * ended: the user signs in again. Admins cannot disable themselves, so one admin always remains.
   */
  async setDisabled(ctx: RequestContext, rawId: string, disabled: boolean): Promise<User> {
    const user = await this.useCases.run(ctx, Permission.UserManage, async (tx) => {
      const id = validate.id('id', rawId);
      if (disabled && tx.caller.userId === id) throw forbidden('You cannot disable yourself; ask another admin');
      if (disabled) await keepAnAdmin(tx, id, 'id');
      const [row] = await tx.query(
        `WITH changed AS (
           UPDATE users SET disabled_at = CASE WHEN $2::boolean THEN coalesce(disabled_at, now()) END
           WHERE id = $1 RETURNING id
         ) SELECT id FROM changed`,
        [id, disabled],
      );
      if (!row) throw notFound('User', 'id');
      if (disabled) {
        await tx.query(`UPDATE user_sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL`, [id]);
      }
      return audited(await tx.manager.findOneByOrFail(User, { id }), {
        action: disabled ? AuditAction.UserDisabled : AuditAction.UserEnabled,
        entityType: 'user',
        entityId: id,
      });
    });
    // This instance forgets the user's sessions at once; the others at their next re-check.
    if (disabled) this.callers.evict((caller) => caller.userId === user.id);
    return user;
  }

  /** Creates the configured admin when the install has none yet. */
  async bootstrapAdmin(ctx: RequestContext, email: string, password: string): Promise<boolean> {
    const [admin] = await ctx.query(`SELECT 1 FROM users WHERE role = 'ADMIN' AND disabled_at IS NULL LIMIT 1`);
    if (admin) return false;
    await this.create(ctx, { email, displayName: 'Administrator', role: Role.ADMIN, password });
    return true;
  }
}
