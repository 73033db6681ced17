import { dropDatabase } from './database';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.chorusTestDatabase;
  if (!state) return;
  if (state.embedded) await state.embedded.stop();
  else await dropDatabase(state.template);
}
