import { Prompt } from './enums.js';

/** The question behind each prompt, as shown to staff and in reports. */
export const PROMPT_QUESTIONS: Record<Prompt, string> = {
  [Prompt.VALUES]: 'What do you value most about your community and city?',
  [Prompt.BELONGING]: 'Where do you feel proud, connected and included, and where do you not?',
  [Prompt.CHALLENGES]: 'What challenges and barriers do you face?',
  [Prompt.FUTURE]: 'What future do you want for yourself and the city?',
  [Prompt.WHAT_WORKS]: 'What already works well, and what more is needed?',
};
