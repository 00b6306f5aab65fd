import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Runs a poppler-utils tool, returning its output whatever its exit status (pdfsig exits 1 on a bad signature). */
export function poppler(tool: string, args: readonly string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    if (stdout === undefined && stderr === undefined) throw error;
    return `${stdout ?? ''}${stderr ?? ''}`;
  }
}

/** `pdfsig` on `bytes`, written to a fresh file under `directory`: its report. */
export function pdfsig(bytes: Uint8Array, directory: string): string {
  const file = join(directory, `pdfsig-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return poppler('pdfsig', [file]);
}
