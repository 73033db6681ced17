import { LIMITS } from '@chorus/shared';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { ArgsType, type ClassType, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a page sits in a connection (Relay).' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to read the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size: ${LIMITS.pageSizeDefault} by default, at most ${LIMITS.pageSizeMax}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "The `endCursor` of the previous page." })
  after?: string | null;
}

/** A list field costs its page size times what each item costs. */
export const pagedComplexity: ComplexityEstimator = ({ args, childComplexity }) =>
  1 + Math.min(Number(args.first ?? LIMITS.pageSizeDefault), LIMITS.pageSizeMax) * Math.max(childComplexity, 1);

/** A Relay connection of `node` items, named `<name>Connection` with `<name>Edge` edges. */
export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} and its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Opaque; pass as `after` to read on from here.' })
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType {
    @Field(() => Int, { description: 'How many items match, across all pages.' })
    totalCount!: number;

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => [Edge])
    edges!: Edge[];
  }
  return ConnectionType;
}
