import { CITY_TIME_ZONE } from '@chorus/shared';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** How often Chorus cuts a release by itself. */
export enum ReleaseFrequency {
  NONE = 'NONE',
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
}

/** What one scheduled run did at its due time. */
export enum ReleaseRunOutcome {
  RUNNING = 'RUNNING',
  PUBLISHED = 'PUBLISHED',
  UNCHANGED = 'UNCHANGED',
  HELD = 'HELD',
  FAILED = 'FAILED',
}

registerEnumType(ReleaseFrequency, {
  name: 'ReleaseFrequency',
  description: 'NONE: releases only by hand; DAILY or WEEKLY at a time in Europe/London.',
});
registerEnumType(ReleaseRunOutcome, {
  name: 'ReleaseRunOutcome',
  description:
    'PUBLISHED: a release was cut; UNCHANGED: no figure could have changed since the last release; HELD: fewer ' +
    'people changed than the threshold, so the change waits for more (see docs/disclosure-control.md); FAILED: ' +
    'the build failed; RUNNING: under way.',
});

/** The time zone of a schedule's time, the city's, as of MONTH figures. */
export const RELEASE_TIME_ZONE = CITY_TIME_ZONE;

@ObjectType({ description: "The engagement's release schedule and when it is next due.", simpleResolvers: true })
export class ReleaseSchedule {
  @Field(() => ReleaseFrequency, { description: 'NONE, DAILY or WEEKLY.' })
  frequency!: ReleaseFrequency;

  @Field(() => String, { description: 'The local time a release is due, HH:MM in `timeZone`.' })
  time!: string;

  @Field(() => Int, { nullable: true, description: 'For WEEKLY: the day, 1 (Monday) to 7 (Sunday).' })
  weekday!: number | null;

  @Field(() => String, { description: 'Always Europe/London: the time follows British Summer Time.' })
  timeZone!: string;

  @Field(() => Date, { nullable: true, description: 'The next due time; null when the frequency is NONE.' })
  nextDueAt!: Date | null;

  @Field(() => Int, {
    description: 'A scheduled release is cut only once at least this many people changed (the threshold).',
  })
  minimumChangedPeople!: number;
}

@ObjectType({
  description: 'One due time of the release schedule and what it did (staff only).',
  simpleResolvers: true,
})
@Entity('release_runs')
export class ReleaseRun {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  engagementId!: string;

  @Field(() => Date, { description: 'The due time it ran for.' })
  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  @Field(() => ReleaseRunOutcome, { description: 'What it did.' })
  @Column({ type: 'text' })
  outcome!: ReleaseRunOutcome;

  @Column({ type: 'uuid', nullable: true })
  releaseId!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'How many people had responses added, coded or withdrawn since the last release.',
  })
  @Column({ type: 'integer', nullable: true })
  changedPeople!: number | null;

  @Field(() => Date, { description: 'When a worker took it.' })
  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it finished.' })
  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
