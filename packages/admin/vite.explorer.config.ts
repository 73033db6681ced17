import { defineConfig, mergeConfig } from 'vite';
import app from './vite.config.ts';

/**
 * The API explorer (explorer.html, served at /graphql to browsers): a build of its own into the
 * same folder, after the app's, so its editor shares no chunk with the app and adds nothing to the
 * app's first load (scripts/bundle-size.mjs reads the app's manifest only).
 */
export default mergeConfig(
  app,
  defineConfig({
    build: {
      emptyOutDir: false,
      manifest: 'explorer-manifest.json',
      // Monaco's language workers are large; only a browser opening the explorer loads them.
      chunkSizeWarningLimit: 5000,
      rolldownOptions: {
        input: 'explorer.html',
        // The editor's React-compiled modules carry a "use no memo" directive bundling drops harmlessly.
        onwarn: (warning, warn) => warning.code === 'MODULE_LEVEL_DIRECTIVE' || warn(warning),
      },
    },
  }),
);
