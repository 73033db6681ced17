import { hasPermission, RESIDENT, Role, type Permission } from '@chorus/shared';

/**
 * Who is acting. `user` and `apiKey` come from a bearer token; `system` is Chorus itself
 * (start-up, demo data, maintenance jobs) and may do anything; `anonymous` may do nothing that
 * needs a permission; `resident` is a person answering the public questionnaire, made only by its
 * pages (never from a token, never on a job), holding the RESIDENT column of the permission table.
 * Keeping them apart means "no caller" never silently means "all-powerful".
 */
export type CallerKind = 'user' | 'apiKey' | 'system' | 'anonymous' | 'resident';

/** The serialised form, e.g. in a job's payload. */
export interface CallerJSON {
  kind: CallerKind;
  role: Role | null;
  organisationId: string | null;
  userId: string | null;
  apiKeyId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLES = new Set<string>(Object.values(Role));

function optionalUuid(value: unknown, name: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || !UUID.test(value)) throw new TypeError(`caller.${name} is not a UUID`);
  return value;
}

export class Caller {
  private constructor(
    readonly kind: CallerKind,
    readonly role: Role | null,
    /** Set for partner users and partner keys: the only organisation whose rows they reach. */
    readonly organisationId: string | null,
    readonly userId: string | null,
    readonly apiKeyId: string | null,
    /** A user signed in with a password an admin reset: they may only set a new one (or sign out). */
    readonly mustChangePassword = false,
  ) {}

  static readonly anonymous = new Caller('anonymous', null, null, null, null);
  static readonly system = new Caller('system', null, null, null, null);
  static readonly resident = new Caller('resident', null, null, null, null);

  static user(user: { id: string; role: Role; organisationId: string | null; mustChangePassword?: boolean }): Caller {
    return new Caller('user', user.role, user.organisationId, user.id, null, user.mustChangePassword ?? false);
  }

  static apiKey(key: { id: string; role: Role; organisationId: string | null }): Caller {
    return new Caller('apiKey', key.role, key.organisationId, null, key.id);
  }

  /** A user or an API key: someone who presented a valid token. */
  get authenticated(): boolean {
    return this.kind === 'user' || this.kind === 'apiKey';
  }

  /** Whether the role table grants `permission`; the system caller holds every permission. */
  can(permission: Permission): boolean {
    if (this.mustChangePassword) return false;
    if (this.kind === 'resident') return hasPermission(RESIDENT, permission);
    return this.kind === 'system' || (this.authenticated && hasPermission(this.role, permission));
  }

  /** Whether the caller is a partner, confined to its own organisation's rows. */
  get isPartner(): boolean {
    return this.authenticated && this.role === Role.PARTNER;
  }

  toJSON(): CallerJSON {
    return {
      kind: this.kind,
      role: this.role,
      organisationId: this.organisationId,
      userId: this.userId,
      apiKeyId: this.apiKeyId,
    };
  }

  /**
   * The caller a `toJSON()` described. Refuses anything malformed, so a tampered payload cannot
   * turn into a more powerful caller than the one serialised. A job must still re-check that the
   * user or key is active before acting (see RequestContext.forJob's callers).
   */
  static fromJSON(json: unknown): Caller {
    if (typeof json !== 'object' || json === null) throw new TypeError('caller is not an object');
    const value = json as Record<string, unknown>;
    const organisationId = optionalUuid(value.organisationId, 'organisationId');
    switch (value.kind) {
      case 'anonymous':
        return Caller.anonymous;
      case 'system':
        return Caller.system;
      case 'user':
      case 'apiKey': {
        if (typeof value.role !== 'string' || !ROLES.has(value.role)) throw new TypeError('caller.role is not a role');
        const role = value.role as Role;
        const idName = value.kind === 'user' ? 'userId' : 'apiKeyId';
        const id = optionalUuid(value[idName], idName);
        if (!id) throw new TypeError(`caller.${idName} is required`);
        return value.kind === 'user'
          ? Caller.user({ id, role, organisationId })
          : Caller.apiKey({ id, role, organisationId });
      }
      default:
        throw new TypeError('caller.kind is not one of user, apiKey, system, anonymous');
    }
  }
}
