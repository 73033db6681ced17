import { LIMITS } from '@chorus/shared';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { ArgsType, type ClassType, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a page sits in a connection (Relay).', simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when more items follow this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when this page was read with `after`, so items come before it.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to read the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size: ${LIMITS.pageSizeDefault} by default, at most ${LIMITS.pageSizeMax}.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string | null;
}

/** A list field costs its page size times what each item costs; an invalid `first` counts as the largest page. */
export const pagedComplexity: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = Number(args.first ?? LIMITS.pageSizeDefault);
  const pageSize = first >= 1 && first <= LIMITS.pageSizeMax ? first : LIMITS.pageSizeMax;
  return 1 + pageSize * Math.max(childComplexity, 1);
};

/** A Relay connection of `node` items, named `<name>Connection` with `<name>Edge` edges. */
export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} and its cursor.`, simpleResolvers: true })
  class Edge {
    @Field(() => String, { description: 'Opaque; pass as `after` to read on from here.' })
    cursor!: string;

    @Field(() => node, { description: `The ${name} at this position.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.`, simpleResolvers: true })
  class ConnectionType {
    // Not simple: the count is a promise, read only when selected, and a compiled plan
    // (graphql/compiled-execution.ts) awaits only what a resolver returns.
    @Field(() => Int, { description: 'How many items match, across all pages.', simple: false })
    totalCount!: number;

    @Field(() => PageInfo, { description: 'Cursors for this page, and whether more pages follow.' })
    pageInfo!: PageInfo;

    @Field(() => [Edge], { description: "This page's items, in the list's order." })
    edges!: Edge[];
  }
  return ConnectionType;
}
