/**
 * Lets an event handler's promise run on, for React event props, which must return nothing.
 * Each handler shows its own failures on screen (beside the form, or as the mutation's
 * `error`), so a rejection reaching here is a bug: it is logged, not left unhandled.
 */
export function runAsync(work: Promise<unknown>): void {
  work.catch((error: unknown) => console.error('An event handler failed unexpectedly', error));
}
