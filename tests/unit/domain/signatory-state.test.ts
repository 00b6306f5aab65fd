import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ConflictError } from '../../../shared/domain/errors.js';
import {
  nextSignatoryStatus,
  signatoryActions,
  signatoryStatuses,
  signatoryTransition,
} from '../../../shared/domain/signatory-state.js';
import type { SignatoryStatus } from '../../../shared/domain/types.js';

describe('signatory state machine', () => {
  test('allows exactly the transitions of the contract', () => {
    const allowed = signatoryStatuses.flatMap((from) =>
      signatoryActions.flatMap((action) => {
        const to = signatoryTransition(from, action);
        return to ? [`${from} -${action}-> ${to}`] : [];
      }),
    );
    expect(allowed.sort()).toEqual(
      [
        'declined -sign-> signed',
        'pending -decline-> declined',
        'pending -sign-> signed',
        'signed -withdraw-> withdrawn',
      ].sort(),
    );
  });

  test('a refused transition is a conflict that names the current state', () => {
    // Prepare / Act
    const attempt = () => nextSignatoryStatus('AZE', 'withdrawn', 'sign');
    // Assess
    expect(attempt).toThrow(ConflictError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConflictError).current).toMatchObject({
        party: 'AZE',
        status: 'withdrawn',
        allowedActions: [],
      });
    }
  });

  test('any sequence of actions: signed at most once per pending/declined episode, withdrawn is final', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...signatoryActions), { maxLength: 30 }), (actions) => {
        let state: SignatoryStatus = 'pending';
        const visited: SignatoryStatus[] = [state];
        for (const action of actions) {
          const next = signatoryTransition(state, action);
          if (next) {
            state = next;
            visited.push(state);
          }
        }
        // withdrawn, once reached, never changes; signatures can only follow pending or declined.
        const firstWithdrawn = visited.indexOf('withdrawn');
        if (firstWithdrawn !== -1)
          expect(visited.slice(firstWithdrawn).every((s) => s === 'withdrawn')).toBe(true);
        visited.forEach((s, i) => {
          if (s === 'signed') expect(['pending', 'declined']).toContain(visited[i - 1]);
        });
        expect(visited.filter((s) => s === 'signed').length).toBeLessThanOrEqual(1);
      }),
    );
  });
});
