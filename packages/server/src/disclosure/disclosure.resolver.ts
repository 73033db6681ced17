import { AgeBand, Permission, Prompt, Sector, SessionFormat } from '@chorus/shared';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  Float,
  ID,
  InputType,
  Int,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { Dimension, Measure } from './dimensions.js';
import { SuppressionReason } from './ptable.js';
import { computeReach } from './reach.js';
import { computeSpecialCategoryReach, SpecialCategory } from './special-category.js';
import { computeTable, type TableFilter as Filter } from './tables.js';

registerEnumType(Dimension, {
  name: 'Dimension',
  description:
    'What a table is broken down by. THEME only as columns; a parent theme counts its whole subtree. MONTH is the ' +
    'calendar month in Europe/London (BST or GMT) of the session start, YYYY-MM.',
});
registerEnumType(SpecialCategory, {
  name: 'SpecialCategory',
  description: 'A special-category answer reach can be broken down by (demographics.aggregate_read only).',
});
registerEnumType(Measure, {
  name: 'Measure',
  description: 'What a table counts.',
  valuesConfig: {
    RESPONSES: { description: 'Distinct responses.' },
    PARTICIPANTS: { description: 'Distinct people among those responses.' },
    CODED_RESPONSES: { description: 'Distinct responses coded to at least one theme; not with THEME columns.' },
    SESSIONS: {
      description:
        'Sessions held (status HELD, started by now): meetings, not people; by AREA, FORMAT, MONTH and SECTOR only.',
    },
  },
});
registerEnumType(SuppressionReason, { name: 'SuppressionReason', description: 'Why a figure was withheld.' });

@InputType({
  description:
    'One value per dimension, or none. Unions and open-ended periods are not allowed (docs/disclosure-control.md).',
})
class TableFilter implements Filter {
  @Field(() => ID, { nullable: true, description: "Only this area (the participant's, else the session's)." })
  areaId?: string | null;

  @Field(() => SessionFormat, { nullable: true, description: 'Only sessions of this format.' })
  format?: SessionFormat | null;

  @Field(() => Prompt, { nullable: true, description: 'Only responses under this prompt.' })
  prompt?: Prompt | null;

  @Field(() => AgeBand, { nullable: true, description: 'Only participants in this age band.' })
  ageBand?: AgeBand | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only sessions starting in this calendar month in Europe/London (BST or GMT), YYYY-MM.',
  })
  month?: string | null;

  @Field(() => Sector, { nullable: true, description: 'Only sessions run by an organisation of this sector.' })
  sector?: Sector | null;
}

@ObjectType({ description: 'A row or column of a table.' })
class TableCategory {
  @Field(() => String, {
    nullable: true,
    description: 'An area or theme id, an enum value, or YYYY-MM; null for "not stated".',
  })
  key!: string | null;

  @Field(() => String, { description: 'What to print for it.' })
  label!: string;
}

@ObjectType({ description: 'One released figure: perturbed, or withheld with a reason.' })
export class TableFigure {
  @Field(() => Int, { nullable: true, description: 'The figure; null when withheld.' })
  value!: number | null;

  @Field(() => Boolean, { description: 'True when the figure is withheld to protect privacy.' })
  suppressed!: boolean;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why it is withheld; null when released.' })
  reason!: SuppressionReason | null;
}

@ObjectType({ description: 'A cell of a table.' })
class TableCell extends TableFigure {
  @Field(() => String, { nullable: true, description: "The row's key." })
  row!: string | null;

  @Field(() => String, { nullable: true, description: "The column's key." })
  column!: string | null;
}

@ObjectType({ description: "A row's or column's own figure, counted from its records (not a sum of cells)." })
class TableMargin extends TableFigure {
  @Field(() => String, { nullable: true, description: "The row's or column's key." })
  key!: string | null;
}

@ObjectType({ description: 'A table of released figures: every cell perturbed or withheld, margins too.' })
class ThemeTable {
  @Field(() => Int, { description: 'The smallest figure released.' })
  threshold!: number;

  @Field(() => String, { description: 'The disclosure method and its parameters.' })
  method!: string;

  @Field(() => [TableCategory], { description: 'The rows, in order.' })
  rows!: TableCategory[];

  @Field(() => [TableCategory], { description: 'The columns, in order.' })
  columns!: TableCategory[];

  @Field(() => [TableCell], { description: 'Every cell, row by row.' })
  cells!: TableCell[];

  @Field(() => [TableMargin], {
    description: "Each row's figure; with THEME columns, every response of the row, coded or not.",
  })
  rowTotals!: TableMargin[];

  @Field(() => [TableMargin], { description: "Each column's figure." })
  columnTotals!: TableMargin[];

  @Field(() => TableFigure, { description: 'The whole table.' })
  total!: TableFigure;
}

@ObjectType({ description: 'Participants heard in one row, against its census population.' })
class ReachRow extends TableMargin {
  @Field(() => String, { description: 'What to print for it.' })
  label!: string;

  @Field(() => Int, { nullable: true, description: 'Census population, where known (areas only).' })
  population!: number | null;

  @Field(() => Float, { nullable: true, description: 'Participants per 1,000 residents, from the released figure.' })
  perThousand!: number | null;

  @Field(() => Boolean, { description: 'Heard at under half the overall rate per 1,000.' })
  underHeard!: boolean;
}

@ObjectType({ description: 'Who has been heard, against census population, from released figures only.' })
class Reach {
  @Field(() => Int, { description: 'The smallest figure released.' })
  threshold!: number;

  @Field(() => String, { description: 'The disclosure method and its parameters.' })
  method!: string;

  @Field(() => TableFigure, { description: 'Participants in all.' })
  participants!: TableFigure;

  @Field(() => Int, { nullable: true, description: 'Population of the rows that have one.' })
  population!: number | null;

  @Field(() => Float, { nullable: true, description: 'Participants per 1,000 of that population.' })
  perThousand!: number | null;

  @Field(() => [ReachRow], { description: 'One row per category, in order.' })
  rows!: ReachRow[];
}

@Resolver()
export class DisclosureResolver {
  @Authorized(Permission.AggregateRead)
  @Query(() => ThemeTable, {
    description: 'A table of released figures by two dimensions, under a filter of one value per dimension.',
  })
  themeTable(
    @Arg('rows', () => Dimension, { description: 'What the rows are; not THEME.' }) rows: Dimension,
    @Arg('columns', () => Dimension, { description: 'What the columns are: another dimension, or THEME.' })
    columns: Dimension,
    @Arg('measure', () => Measure, { defaultValue: Measure.RESPONSES, description: 'What to count.' })
    measure: Measure,
    @Arg('filter', () => TableFilter, { nullable: true, description: 'Which responses; all when left out.' })
    filter: TableFilter | null,
    @Ctx() { req }: GraphQLContext,
  ) {
    return computeTable(req, { rows, columns, measure, filter: filter ?? {} });
  }

  @Authorized(Permission.AggregateRead)
  @Query(() => Reach, { description: 'Participants heard by area, age band or another dimension, against population.' })
  reach(
    @Arg('by', () => Dimension, { description: 'What to break reach down by; not THEME.' }) by: Dimension,
    @Arg('filter', () => TableFilter, { nullable: true, description: 'Which responses; all when left out.' })
    filter: TableFilter | null,
    @Ctx() { req }: GraphQLContext,
  ) {
    return computeReach(req, by, filter ?? {});
  }

  @Authorized(Permission.DemographicsAggregateRead)
  @Query(() => Reach, {
    description:
      'Participants heard by ethnic group, religion or disability: released figures only, a row per answer and "not stated"; each group against its census population where recorded (censusPopulations). Staff only, not council keys (docs/disclosure-control.md).',
  })
  specialCategoryReach(
    @Arg('by', () => SpecialCategory, { description: 'Which answer to break reach down by.' }) by: SpecialCategory,
    @Arg('filter', () => TableFilter, { nullable: true, description: 'Which responses; all when left out.' })
    filter: TableFilter | null,
    @Ctx() { req, services }: GraphQLContext,
  ) {
    return computeSpecialCategoryReach(req, by, filter ?? {}, (ctx, ids) =>
      services.participants.specialCategoryAnswers(ctx, ids),
    );
  }
}
