import { vi } from 'vitest';

/**
 * Integration files share their worker process, so that the libraries (the
 * AWS SDK, zod, Powertools, fontkit, Playwright) load once per worker, not
 * once per file. The project's own modules must still load afresh for each
 * file, as in a new Lambda container: each function module builds its
 * clients from the environment that the file's local API sets (table, seal
 * key), and the local server allows one API per module instance.
 */
vi.resetModules();
