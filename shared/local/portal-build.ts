import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The portal's sources (`web/`) and where `npm run build:web` puts the production build. */
export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));
export const PORTAL_DIST = join(WEB_DIR, 'dist');

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, entry) => Math.max(newest, newestChange(join(path, entry))),
    stat.mtimeMs,
  );
}

/** True when the build is missing or older than any source of the portal. */
export function portalBuildIsStale(outDir = PORTAL_DIST): boolean {
  const page = join(outDir, 'index.html');
  if (!existsSync(page)) return true;
  const built = statSync(page).mtimeMs;
  return ['src', 'index.html', 'vite.config.ts', 'security-headers.ts'].some(
    (source) => newestChange(join(WEB_DIR, source)) > built,
  );
}

/** The production build, with Vite's own API (what `npm run build:web` runs). */
export async function buildPortal(outDir = PORTAL_DIST): Promise<string> {
  const { build } = await import('vite');
  await build({
    configFile: join(WEB_DIR, 'vite.config.ts'),
    root: WEB_DIR,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}
