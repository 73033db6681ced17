import { Permission, Role } from '@chorus/shared';
import { Caller } from './caller';

const ORG = '6f1c2a52-7f3e-4d6b-9a40-3c1d2e5f7a81';
const USER = '0b9d6c1e-2a3f-4e5d-8c7b-6a5f4e3d2c1b';

describe('Caller', () => {
  it('survives a round trip through JSON, as it does on a job queue', () => {
    for (const caller of [
      Caller.user({ id: USER, role: Role.PARTNER, organisationId: ORG }),
      Caller.apiKey({ id: USER, role: Role.COUNCIL_READER, organisationId: null }),
      Caller.system,
      Caller.anonymous,
    ]) {
      const back = Caller.fromJSON(JSON.parse(JSON.stringify(caller)));
      expect(back.toJSON()).toEqual(caller.toJSON());
    }
  });

  it('keeps "anonymous" and "system" apart: one may do nothing, the other anything', () => {
    expect(Caller.anonymous.can(Permission.ResponseRead)).toBe(false);
    expect(Caller.anonymous.authenticated).toBe(false);
    expect(Caller.system.can(Permission.ParticipantErase)).toBe(true);
    expect(Caller.system.authenticated).toBe(false);
  });

  it('grants what the role table grants, and nothing more', () => {
    const council = Caller.apiKey({ id: USER, role: Role.COUNCIL_READER, organisationId: null });
    expect(council.can(Permission.AggregateRead)).toBe(true);
    expect(council.can(Permission.ResponseRead)).toBe(false);
    const partner = Caller.user({ id: USER, role: Role.PARTNER, organisationId: ORG });
    expect(partner.can(Permission.ResponseSubmit)).toBe(true);
    expect(partner.can(Permission.ContactRead)).toBe(false);
    expect(partner.isPartner).toBe(true);
  });

  it.each([
    ['not an object', 'user'],
    ['an unknown kind', { kind: 'root' }],
    ['a user without an id', { kind: 'user', role: Role.ADMIN }],
    ['a made-up role', { kind: 'apiKey', role: 'SUPERUSER', apiKeyId: USER }],
    ['an id that is not a UUID', { kind: 'user', role: Role.ADMIN, userId: "1' OR '1'='1" }],
    ['an organisation that is not a UUID', { kind: 'user', role: Role.PARTNER, userId: USER, organisationId: 7 }],
  ])('refuses a payload that is %s', (_what, payload) => {
    expect(() => Caller.fromJSON(payload)).toThrow(TypeError);
  });
});
