import { ConsentMethod, ConsentPurpose } from '@chorus/shared';
import { Field, ObjectType } from 'type-graphql';
import type { ConsentEvent } from './consent-event.entity.js';

@ObjectType({ description: "A participant's consent for one purpose as it stands now, derived from the ledger." })
export class Consent {
  @Field(() => ConsentPurpose, { description: 'What this consent covers.' })
  purpose!: ConsentPurpose;

  @Field(() => Boolean, { description: 'True only while the consent stands: granted and not withdrawn.' })
  granted!: boolean;

  @Field(() => ConsentMethod, { nullable: true, description: 'How the decision was recorded.' })
  method!: ConsentMethod | null;

  @Field(() => String, { nullable: true, description: 'The privacy-notice version shown when the decision was made.' })
  noticeVersion!: string | null;

  @Field(() => Date, { description: 'When the decision (grant or refusal) was recorded.' })
  recordedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When a grant was withdrawn, if it was.' })
  withdrawnAt!: Date | null;
}

/**
 * Folds one participant's ledger, oldest first, into the standing consent per purpose: the latest
 * decision wins, and a withdrawal after it ends it.
 */
export function currentConsents(ledger: readonly ConsentEvent[]): Consent[] {
  const byPurpose = new Map<ConsentPurpose, Consent>();
  for (const event of ledger) {
    const consent = byPurpose.get(event.purpose);
    if (event.isWithdrawal) {
      if (consent?.granted) byPurpose.set(event.purpose, { ...consent, granted: false, withdrawnAt: event.recordedAt });
      continue;
    }
    byPurpose.set(event.purpose, {
      purpose: event.purpose,
      granted: event.granted,
      method: event.method,
      noticeVersion: event.noticeVersion,
      recordedAt: event.recordedAt,
      withdrawnAt: null,
    });
  }
  const order = Object.values(ConsentPurpose);
  return [...byPurpose.values()].sort((a, b) => order.indexOf(a.purpose) - order.indexOf(b.purpose));
}
