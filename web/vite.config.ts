import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The portal: Preact with esbuild's automatic JSX runtime (no plugin
 * needed), built to static files that the local server serves and CDK
 * deploys. `outDir` is overridable so tests build into a folder of their own.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  // jsxDev off even when NODE_ENV is not `production` (a build started from tests or cdk synth).
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact', jsxDev: false },
  build: {
    outDir: process.env.PORTAL_OUT_DIR ?? 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Inline scripts and styles would need CSP exceptions: everything is a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
