import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { graphqlDocuments } from './scripts/graphql-documents-plugin.ts';

const API = process.env.CHORUS_API_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [graphqlDocuments(fileURLToPath(new URL('./src/gql/graphql.ts', import.meta.url))), react()],
  resolve: {
    // The shared package is TypeScript source here; the server consumes its CommonJS build.
    alias: { '@chorus/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
  },
  server: {
    proxy: {
      // A browser opening /graphql gets the explorer page, as from the server; API calls go to the API.
      '/graphql': {
        target: API,
        bypass: (req) => (req.headers.accept?.includes('text/html') ? '/explorer.html' : undefined),
      },
      '/healthz': API,
    },
  },
  // `vite build` is the production build (`pnpm build`, served by `pnpm start`): no source maps,
  // so the shipped files are only what runs. `vite` (`pnpm dev`) has them.
  // Route chunks (the overview's charts) may be large; the first load is held to budget by scripts/bundle-size.mjs.
  build: { manifest: true, sourcemap: false, target: 'es2022', chunkSizeWarningLimit: 1000 },
});
