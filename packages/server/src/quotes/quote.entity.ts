import { type AgeBand, type CityConnection } from '@chorus/shared';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Where a quote is on its way to publication. */
export enum QuoteStatus {
  CANDIDATE = 'CANDIDATE',
  CONSENT_CHECKED = 'CONSENT_CHECKED',
  DEIDENTIFIED = 'DEIDENTIFIED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

/** What a quote's description may say about the person. */
export enum QuoteAttribute {
  AGE_BAND = 'AGE_BAND',
  CONNECTION = 'CONNECTION',
  AREA = 'AREA',
}

/** Where a quote was used. */
export enum QuoteUseKind {
  RELEASE = 'RELEASE',
  EXPORT = 'EXPORT',
  REPORT = 'REPORT',
}

registerEnumType(QuoteStatus, {
  name: 'QuoteStatus',
  description:
    'CANDIDATE → CONSENT_CHECKED → DEIDENTIFIED → APPROVED, or REJECTED with a reason; WITHDRAWN once the ' +
    "participant's QUOTE consent is withdrawn.",
});
registerEnumType(QuoteAttribute, {
  name: 'QuoteAttribute',
  description: 'An attribute a description may use: age band, connection to the city, area.',
});
registerEnumType(QuoteUseKind, {
  name: 'QuoteUseKind',
  description:
    'RELEASE: listed in a release when it was built; EXPORT: sent in a quotes export; REPORT: printed in a version ' +
    'of the board report.',
});

@ObjectType({
  description:
    'A passage of a response chosen for the report: published only as its edited copy, attributed by a description ' +
    'unless the person agreed to be named (ATTRIBUTION), and only while their QUOTE consent stands.',
  simpleResolvers: true,
})
@Entity('quotes')
export class Quote {
  @Field(() => ID, { description: 'Unique id (UUID).' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  responseId!: string;

  @Field(() => String, { description: 'The passage as it stands in the response.' })
  @Column({ type: 'text' })
  excerpt!: string;

  @Field(() => Int, { nullable: true, description: 'Where the passage starts in the response text (characters).' })
  @Column({ type: 'integer', nullable: true })
  startOffset!: number | null;

  @Field(() => Int, { nullable: true, description: 'Where the passage ends in the response text (exclusive).' })
  @Column({ type: 'integer', nullable: true })
  endOffset!: number | null;

  @Field(() => QuoteStatus, { description: 'Where it is on its way to publication.' })
  @Column({ type: 'text' })
  status!: QuoteStatus;

  @Field(() => String, {
    nullable: true,
    description: 'The copy that is published: the passage with cuts marked […] and edits in [brackets].',
  })
  @Column({ type: 'text', nullable: true })
  publishedText!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Who said it, in words that name no one, e.g. "a young person who lives in Burslem".',
  })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => [QuoteAttribute], { description: 'The attributes the description uses.' })
  @Column({ type: 'text', array: true })
  describedBy!: QuoteAttribute[];

  @Column({ type: 'text', nullable: true })
  describedAgeBand!: AgeBand | null;

  @Column({ type: 'text', nullable: true })
  describedConnection!: CityConnection | null;

  @Column({ type: 'uuid', nullable: true })
  describedAreaId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The name it is attributed to; only while the person\'s ATTRIBUTION ("be named") consent stands.',
  })
  @Column({ type: 'text', nullable: true })
  attributedName!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @Field(() => Date, { description: 'When it was marked.' })
  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When it last changed.' })
  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}

@ObjectType({ description: 'One step of a quote: who moved it, when, and why.', simpleResolvers: true })
export class QuoteTransition {
  @Field(() => QuoteStatus, { nullable: true, description: 'Where it was; null for the marking.' })
  fromStatus!: QuoteStatus | null;

  @Field(() => QuoteStatus, { description: 'Where it went.' })
  toStatus!: QuoteStatus;

  @Field(() => Date, { description: 'When.' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'Why: a rejection reason, or the consent change that moved it.' })
  reason!: string | null;

  byUserId!: string | null;
}

@ObjectType({ description: 'One use of a quote.', simpleResolvers: true })
export class QuoteUse {
  @Field(() => QuoteUseKind, { description: 'Listed in a release, sent in an export, or printed in a board report.' })
  kind!: QuoteUseKind;

  @Field(() => Int, { nullable: true, description: 'The release it was used in.' })
  releaseVersion!: number | null;

  @Field(() => Int, { nullable: true, description: 'The version of the board report it was printed in.' })
  reportVersion!: number | null;

  @Field(() => String, { nullable: true, description: 'csv or json, for an export.' })
  format!: string | null;

  @Field(() => Date, { description: 'When.' })
  at!: Date;
}

@ObjectType({ description: "Whether a quote may be published and named, from its participant's consent now." })
export class QuoteConsentState {
  @Field(() => Boolean, { description: 'True for group notes: no participant; the session facilitator confirms.' })
  groupNotes!: boolean;

  @Field(() => Boolean, {
    description: 'QUOTE consent stands now (group notes: a facilitator of the session confirmed the group agreed).',
  })
  quote!: boolean;

  @Field(() => Boolean, { description: 'ATTRIBUTION consent stands now: the person agreed to be named.' })
  named!: boolean;
}

@ObjectType({
  description:
    'The motivated-intruder check: how many participants of the engagement share every attribute the description ' +
    'uses, counted only up to the threshold.',
})
export class DescriptionCheck {
  @Field(() => Int, { description: "The engagement's suppression threshold." })
  threshold!: number;

  @Field(() => Int, { description: 'Participants matching the description, counted up to the threshold.' })
  matching!: number;

  @Field(() => Boolean, {
    description: 'True when fewer than the threshold match: the description may single someone out.',
  })
  belowThreshold!: boolean;
}
