import { describe, expect, test } from 'vitest';
import { IntentKeys, sendWithRetry } from '../../../web/src/lib/retry.js';

const noSleep = { sleep: async () => {} };
const problem = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

/** A fake network: each call takes the next outcome (a Response, or an Error to throw). */
function network(...outcomes: (Response | Error)[]) {
  let calls = 0;
  return {
    send: async () => {
      const outcome = outcomes[calls++];
      if (!outcome) throw new Error('no more outcomes');
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    calls: () => calls,
  };
}

describe('sendWithRetry', () => {
  test('a lost response is sent again; the answer to the retry is the answer', async () => {
    const net = network(new TypeError('Failed to fetch'), new Response('{}', { status: 201 }));
    expect((await sendWithRetry(net.send, noSleep)).status).toBe(201);
    expect(net.calls()).toBe(2);
  });

  test('409 without a current state after a lost attempt: still in flight, ask again', async () => {
    const net = network(
      new TypeError('Failed to fetch'),
      problem(409, { title: 'Conflict', detail: 'still in progress' }),
      new Response('{}', { status: 201 }),
    );
    expect((await sendWithRetry(net.send, noSleep)).status).toBe(201);
    expect(net.calls()).toBe(3);
  });

  test('a state conflict (409 with the current state) is the answer, never retried', async () => {
    const net = network(
      new TypeError('Failed to fetch'),
      problem(409, { current: { party: 'KAZ', status: 'signed' } }),
    );
    expect((await sendWithRetry(net.send, noSleep)).status).toBe(409);
    expect(net.calls()).toBe(2);
  });

  test('409 on a first attempt is not retried (nothing of ours is in flight)', async () => {
    const net = network(problem(409, { title: 'Conflict' }));
    expect((await sendWithRetry(net.send, noSleep)).status).toBe(409);
    expect(net.calls()).toBe(1);
  });

  test('503 waits for Retry-After, then succeeds', async () => {
    const waits: number[] = [];
    const net = network(problem(503, {}, { 'retry-after': '2' }), new Response('{}'));
    const response = await sendWithRetry(net.send, { sleep: async (ms) => void waits.push(ms) });
    expect(response.status).toBe(200);
    expect(waits).toEqual([2000]);
  });

  test('412, 400 and 422 are answers', async () => {
    for (const status of [400, 412, 422]) {
      const net = network(problem(status, {}));
      expect((await sendWithRetry(net.send, noSleep)).status).toBe(status);
      expect(net.calls()).toBe(1);
    }
  });

  test('gives up after the last attempt, with exponential waits', async () => {
    const waits: number[] = [];
    const failure = new TypeError('Failed to fetch');
    const net = network(failure, failure, failure, failure);
    await expect(
      sendWithRetry(net.send, {
        attempts: 4,
        baseDelayMs: 100,
        sleep: async (ms) => void waits.push(ms),
      }),
    ).rejects.toBe(failure);
    expect(net.calls()).toBe(4);
    expect(waits).toEqual([100, 200, 400]);
  });
});

describe('IntentKeys: one Idempotency-Key per intent', () => {
  test('the same action with the same body keeps its key until settled', () => {
    let next = 0;
    const keys = new IntentKeys(() => `key-${++next}`);
    const body = { signedBy: { name: 'A', title: 'B' } };
    expect(keys.keyFor('signature:A1:KAZ', body)).toBe('key-1');
    expect(keys.keyFor('signature:A1:KAZ', { ...body })).toBe('key-1');
    expect(keys.keyFor('signature:A1:AZE', body)).toBe('key-2');
    expect(keys.keyFor('signature:A1:KAZ', { signedBy: { name: 'C', title: 'B' } })).toBe('key-3');
    keys.settle('signature:A1:KAZ');
    expect(keys.keyFor('signature:A1:KAZ', { signedBy: { name: 'C', title: 'B' } })).toBe('key-4');
  });
});
