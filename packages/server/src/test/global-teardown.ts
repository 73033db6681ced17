import { rmSync } from 'node:fs';
import { dropDatabase } from './database';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.chorusTestDatabase;
  if (!state) return;
  if (state.embedded) {
    await state.embedded.stop();
    rmSync(state.dataDir!, { recursive: true, force: true });
  } else {
    await dropDatabase(state.template);
  }
}
