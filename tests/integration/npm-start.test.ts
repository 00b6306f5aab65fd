import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { canConnect, freePort } from '../../shared/local/dynamodb-local.js';

/**
 * `npm start` as a person or a process manager runs it: stopped with
 * SIGTERM sent to the npm process alone (not its process group), it must
 * stop everything it started: the API, DynamoDB Local, every process in
 * between; and free both ports.
 */

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** Every live descendant of `pid` (Linux /proc). */
function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may hold spaces; the parent pid follows it.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // Exited while we looked.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    // A zombie is dead, only not yet reaped by its parent.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/** Polls `probe` until it holds, at most `attempts` times, 100 ms apart; its last value otherwise. */
async function until<T>(probe: () => T | Promise<T>, attempts = 600): Promise<T> {
  let value = await probe();
  for (let attempt = 1; !value && attempt < attempts; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

let npm: ChildProcess | undefined;
let started: number[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'npm-start-'));
afterAll(() => {
  // Only if the test failed: leave none of the processes it started behind.
  for (const pid of started.filter(isAlive)) process.kill(pid, 'SIGKILL');
  if (npm?.exitCode === null) npm.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

test('SIGTERM to the npm process stops the API and the DynamoDB Local it started', async () => {
  const port = await freePort();
  npm = spawn('npm', ['start'], {
    cwd: REPO,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DYNAMODB_ENDPOINT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  npm.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  npm.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => npm!.once('exit', resolve));

  const listening = await until(() => /on DynamoDB http:\/\/127\.0\.0\.1:(\d+)/.exec(output));
  expect(listening, output).toBeTruthy();
  const dynamoPort = Number(listening![1]);
  expect(await canConnect(port)).toBe(true);
  expect(await canConnect(dynamoPort)).toBe(true);
  started = descendantsOf(npm.pid!);
  expect(started.length).toBeGreaterThanOrEqual(2); // at least the API's node and Java

  npm.kill('SIGTERM');
  await exited;
  await until(() => started.every((pid) => !isAlive(pid)), 100);
  expect(started.filter(isAlive)).toEqual([]);
  expect(await canConnect(port)).toBe(false);
  expect(await canConnect(dynamoPort)).toBe(false);
}, 120_000);
