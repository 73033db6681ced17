import { Disability, equalityActDisabled, EthnicGroup, ethnicGroupOf, Ethnicity, Religion } from '@chorus/shared';
import { Field, InputType, ObjectType } from 'type-graphql';
import { decrypt, encrypt } from '../common/crypto.js';
import { badInput, consentRequired } from '../common/errors.js';

/** The special-category answers as stored (encrypted, as one value) and as given. */
export interface DemographicsData {
  ethnicity?: Ethnicity | null;
  religion?: Religion | null;
  disability?: Disability | null;
}

const FIELDS = [
  ['ethnicity', Ethnicity],
  ['religion', Religion],
  ['disability', Disability],
] as const;

@InputType({
  description:
    'Special-category answers, each optional (PREFER_NOT_TO_SAY always allowed); CONSENT_REQUIRED unless SPECIAL_CATEGORY_DATA consent stands.',
})
export class DemographicsInput {
  @Field(() => Ethnicity, { nullable: true, description: 'Ethnic group, from the 2021 Census categories.' })
  ethnicity?: Ethnicity | null;

  @Field(() => Religion, { nullable: true, description: 'Religion, from the 2021 Census categories.' })
  religion?: Religion | null;

  @Field(() => Disability, {
    nullable: true,
    description: 'A long-term condition and whether it reduces day-to-day activities (the GSS harmonised questions).',
  })
  disability?: Disability | null;
}

@ObjectType({
  description: "A participant's special-category answers (readable with demographics.read; every read is audited).",
})
export class Demographics {
  @Field(() => Ethnicity, { nullable: true, description: 'Ethnic group category; null when not given.' })
  ethnicity!: Ethnicity | null;

  @Field(() => EthnicGroup, {
    nullable: true,
    description: 'The high-level group of `ethnicity`; null when not given or PREFER_NOT_TO_SAY.',
  })
  ethnicGroup!: EthnicGroup | null;

  @Field(() => Religion, { nullable: true, description: 'Religion; null when not given.' })
  religion!: Religion | null;

  @Field(() => Disability, { nullable: true, description: 'The disability answer; null when not given.' })
  disability!: Disability | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Disabled under the Equality Act 2010 definition; null when not given or PREFER_NOT_TO_SAY.',
  })
  equalityActDisabled!: boolean | null;
}

/**
 * The answers given, checked; null when none is. Any answer, PREFER_NOT_TO_SAY included, needs
 * SPECIAL_CATEGORY_DATA consent standing: without it the refusal names the first field given.
 */
export function validDemographics(
  field: string,
  input: DemographicsData | null | undefined,
  consentStands: boolean,
): DemographicsData | null {
  if (!input) return null;
  const given = FIELDS.filter(([name]) => input[name] !== null && input[name] !== undefined);
  for (const [name, values] of given) {
    if (!(Object.values(values) as string[]).includes(input[name]!)) {
      throw badInput(`${field}.${name}`, `${field}.${name} is not one of the listed answers`);
    }
  }
  if (!given.length) return null;
  if (!consentStands) {
    throw consentRequired(
      `${field}.${given[0]![0]} may be kept only with SPECIAL_CATEGORY_DATA consent granted`,
      `${field}.${given[0]![0]}`,
    );
  }
  return Object.fromEntries(given.map(([name]) => [name, input[name]]));
}

/** AES-256-GCM under the special-category key, the way contact details are sealed. */
export function sealDemographics(key: Buffer, data: DemographicsData): Buffer {
  return encrypt(key, JSON.stringify(data));
}

export function openDemographics(key: Buffer, sealed: Buffer): Demographics {
  const data = JSON.parse(decrypt(key, sealed)) as DemographicsData;
  const ethnicity = data.ethnicity ?? null;
  const disability = data.disability ?? null;
  return {
    ethnicity,
    ethnicGroup: ethnicity ? ethnicGroupOf(ethnicity) : null,
    religion: data.religion ?? null,
    disability,
    equalityActDisabled: disability ? equalityActDisabled(disability) : null,
  };
}
