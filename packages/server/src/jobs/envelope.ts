import { Caller, type CallerJSON } from '../access/caller.js';
import { hmac, safeEqual } from '../common/crypto.js';

/**
 * What a job stores: the task's payload with who queued it and in which engagement, signed with
 * a key derived from the server's secret. Whoever can write to the jobs table but lacks the
 * secret cannot make a job act as another caller (or as the system caller).
 */
export interface JobEnvelope {
  caller: CallerJSON;
  engagementId: string;
  payload: unknown;
  signature: string;
}

/** A stored job the runner refuses to act on; never retried. */
export class JobRefused extends Error {
  constructor(readonly reason: 'SIGNATURE' | 'MALFORMED' | 'CALLER_INACTIVE' | 'CALLER_CHANGED' | 'UNKNOWN_TASK') {
    super(`job refused: ${reason}`);
  }
}

function sign(key: Buffer, task: string, caller: CallerJSON, engagementId: string, payload: unknown): string {
  // The payload goes through JSON once on the way in; parsing and re-serialising it gives the same text.
  return hmac(key, JSON.stringify([task, caller, engagementId, payload])).toString('base64url');
}

export function sealEnvelope(key: Buffer, task: string, caller: Caller, engagementId: string, payload: unknown) {
  const json = caller.toJSON();
  return { caller: json, engagementId, payload, signature: sign(key, task, json, engagementId, payload) };
}

/** The caller, engagement and payload of a stored job, if its signature holds. */
export function openEnvelope(
  key: Buffer,
  task: string,
  stored: unknown,
): { caller: Caller; engagementId: string; payload: unknown } {
  if (typeof stored !== 'object' || stored === null) throw new JobRefused('MALFORMED');
  const { caller, engagementId, payload, signature } = stored as Partial<JobEnvelope>;
  if (typeof signature !== 'string' || typeof engagementId !== 'string') throw new JobRefused('MALFORMED');
  const expected = Buffer.from(sign(key, task, caller as CallerJSON, engagementId, payload));
  if (!safeEqual(Buffer.from(signature), expected)) throw new JobRefused('SIGNATURE');
  try {
    return { caller: Caller.fromJSON(caller), engagementId, payload };
  } catch {
    throw new JobRefused('MALFORMED');
  }
}
