import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { LIMITS } from '@chorus/shared';
import { badInput } from '../common/errors.js';

/** zxcvbn with its bundled dictionaries (common passwords, names, English words): nothing is fetched. */
const zxcvbn = new ZxcvbnFactory({
  translations: english.translations,
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...english.dictionary, chorus: ['chorus', 'consultation', 'engagement'] },
});

/** zxcvbn's score 3: "safely unguessable", about 10^8 guesses or more. */
const WEAKEST_SCORE = 3;

/**
 * A password long enough and not common or trivially guessable, else BAD_USER_INPUT naming
 * `field`, with zxcvbn's advice. `userInputs` (email, name) count as guessable words.
 */
export function validPassword(field: string, password: string, userInputs: string[] = []): string {
  if (password.length < LIMITS.passwordLength) {
    throw badInput(field, `${field} must be at least ${LIMITS.passwordLength} characters`);
  }
  if (password.length > 1024) throw badInput(field, `${field} must be at most 1024 characters`);
  // zxcvbn's matching grows with length; past 100 characters the first 100 decide.
  const result = zxcvbn.check(password.slice(0, 100), userInputs);
  if (result.score < WEAKEST_SCORE) {
    const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
    throw badInput(
      field,
      `${field} is too easy to guess. ${advice ? `${advice} ` : ''}Try a few unrelated words together, or a password manager's suggestion.`,
    );
  }
  return password;
}
