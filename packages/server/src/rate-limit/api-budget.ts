import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode } from '@chorus/shared';
import { GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { databaseUnavailable, isConnectionLoss } from '../db/connection-errors.js';
import type { Caller } from '../access/caller.js';
import type { GraphQLContext } from '../graphql/context.js';
import { costOf } from '../graphql/limits.js';
import { RateLimitedError, secondsFrom } from './refusal.js';
import type { BudgetCounter, Spend } from './budget-counter.js';
import type { RateLimitStore } from './store.js';

export interface ApiLimits {
  /** Points per minute for each user or API key. */
  pointsPerMinute: number;
  /** Points per minute for each IP address of anonymous callers. */
  anonymousPointsPerMinute: number;
}

/** What a response reports in `RateLimit-*` headers and `extensions.rateLimit`. */
export interface Budget {
  limit: number;
  remaining: number;
  /** Seconds until the budget is whole again. */
  resetSeconds: number;
  /** Points this request was charged. */
  cost: number;
}

const WINDOW_SECONDS = 60;

/** Each caller's points per minute, charged by each operation's estimated cost, as GitHub's points. */
export class ApiBudget {
  private readonly callers: BudgetCounter;
  private readonly anonymous: BudgetCounter;

  constructor(
    store: RateLimitStore,
    readonly limits: ApiLimits,
  ) {
    this.callers = store.counter({ name: 'api', points: limits.pointsPerMinute, durationSeconds: WINDOW_SECONDS });
    this.anonymous = store.counter({
      name: 'api-anonymous',
      points: limits.anonymousPointsPerMinute,
      durationSeconds: WINDOW_SECONDS,
    });
  }

  /** Charges `cost` points; a refusal charges nothing and says when the budget allows it. */
  async charge(caller: Caller, ip: string, cost: number): Promise<{ refused: boolean; budget: Budget }> {
    const [counter, key, limit] =
      caller.kind === 'user'
        ? [this.callers, `user:${caller.userId}`, this.limits.pointsPerMinute]
        : caller.kind === 'apiKey'
          ? [this.callers, `key:${caller.apiKeyId}`, this.limits.pointsPerMinute]
          : [this.anonymous, `ip:${ip}`, this.limits.anonymousPointsPerMinute];
    let spend: Spend;
    try {
      spend = await counter.spend(key, cost);
    } catch (error) {
      // A store on a lost database connection fails the request retryably, as any query would.
      throw isConnectionLoss(error) ? databaseUnavailable(error) : error;
    }
    const remaining = Math.max(0, limit - spend.consumed);
    return {
      refused: spend.refused,
      budget: { limit, remaining, resetSeconds: secondsFrom(spend.msBeforeNext), cost },
    };
  }
}

function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode | undefined,
  variables: Record<string, unknown> | undefined,
): number {
  // Variables that do not coerce have no estimate: execution refuses them, and the attempt costs one point.
  const cost = operation ? costOf(schema, document, operation, variables) : undefined;
  return Math.max(1, cost ?? 1);
}

/**
 * Charges every GraphQL request its estimated cost (at least one point), refuses it with HTTP
 * 429, `Retry-After` and RATE_LIMITED once the minute's budget is spent, and reports the budget
 * on every response. It also gives sign-in refusals their 429 and `Retry-After`.
 */
export function apiBudgetPlugin(schema: GraphQLSchema, budget: ApiBudget): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart() {
      let charged: Budget | undefined;
      let attempted = false;
      let retryAfter: number | undefined;
      const charge = async (context: GraphQLContext, cost: number) => {
        attempted = true;
        const result = await budget.charge(context.req.caller, context.ip, cost);
        charged = result.budget;
        if (result.refused) retryAfter = result.budget.resetSeconds;
        return result;
      };
      return Promise.resolve({
        async didResolveOperation({ document, operation, request, contextValue }) {
          const cost = operationCost(schema, document, operation, request.variables);
          const { refused, budget: spent } = await charge(contextValue, cost);
          if (refused) {
            throw new GraphQLError(
              `This request costs ${cost} points and ${spent.remaining} of ${spent.limit} remain this minute; try again in ${spent.resetSeconds} s`,
              { extensions: { code: ErrorCode.RATE_LIMITED, http: { status: 429 } } },
            );
          }
        },
        didEncounterErrors({ errors }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (original instanceof RateLimitedError)
              retryAfter = Math.max(retryAfter ?? 0, original.retryAfterSeconds);
          }
          return Promise.resolve();
        },
        async willSendResponse({ response, contextValue }) {
          // Parse and validation failures never reach didResolveOperation; they cost one point. A hook
          // that throws here turns the reply into a bare HTTP 500, so a store on a lost connection
          // leaves that point uncharged (the request has failed anyway) and no charge is tried twice.
          if (!attempted && contextValue?.req)
            await charge(contextValue, 1).catch((error: unknown) => {
              if (!(error instanceof GraphQLError && error.extensions.retryable)) throw error;
            });
          if (retryAfter !== undefined) {
            response.http.status = 429;
            response.http.headers.set('retry-after', String(retryAfter));
          }
          if (!charged) return;
          response.http.headers.set('ratelimit-limit', String(charged.limit));
          response.http.headers.set('ratelimit-remaining', String(charged.remaining));
          response.http.headers.set('ratelimit-reset', String(charged.resetSeconds));
          if (response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, rateLimit: charged };
          }
        },
      });
    },
  };
}
