import { describe, expect, test } from 'vitest';
import { ForbiddenError, UnauthenticatedError } from '../../../shared/domain/errors.js';
import { actorFromClaims, parseGroups } from '../../../shared/http/auth.js';

describe('claims → actor', () => {
  test.each([
    [
      ['auditor', 'secretariat'],
      ['auditor', 'secretariat'],
    ],
    ['[auditor secretariat]', ['auditor', 'secretariat']],
    ['[member]', ['member']],
    ['["member","auditor"]', ['member', 'auditor']],
    ['secretariat', ['secretariat']],
    ['', []],
    [undefined, []],
    // A group name may contain commas (Cognito allows any printable character but
    // whitespace): it is one name, never split into roles.
    ['member,secretariat', ['member,secretariat']],
    ['[member,secretariat]', ['member,secretariat']],
    [['member,secretariat'], ['member,secretariat']],
    ['[member,secretariat auditor]', ['member,secretariat', 'auditor']],
    ['[]', []],
  ])('cognito:groups %j → %j', (claim, groups) => {
    expect(parseGroups(claim as never)).toEqual(groups);
  });

  test('the first role the route allows is the one acted in', () => {
    const claims = { sub: 'u1', token_use: 'id', 'cognito:groups': '[auditor secretariat]' };
    expect(actorFromClaims(claims, ['secretariat'])).toEqual({ sub: 'u1', role: 'secretariat' });
    expect(actorFromClaims(claims, ['auditor', 'secretariat'])).toEqual({
      sub: 'u1',
      role: 'auditor',
    });
  });

  test('a single group named "member,secretariat" grants no role', () => {
    for (const groups of ['member,secretariat', '[member,secretariat]', ['member,secretariat']]) {
      expect(() =>
        actorFromClaims({ sub: 'x', token_use: 'id', 'cognito:groups': groups }, ['secretariat']),
      ).toThrow(ForbiddenError);
    }
  });

  test('members carry their party; without one they are refused', () => {
    expect(
      actorFromClaims(
        { sub: 'm', token_use: 'id', 'cognito:groups': '[member]', 'custom:party': 'KAZ' },
        ['member'],
      ),
    ).toEqual({
      sub: 'm',
      role: 'member',
      party: 'KAZ',
    });
    expect(() =>
      actorFromClaims({ sub: 'm', token_use: 'id', 'cognito:groups': '[member]' }, ['member']),
    ).toThrow(ForbiddenError);
    expect(() =>
      actorFromClaims(
        { sub: 'm', token_use: 'id', 'cognito:groups': '[member]', 'custom:party': 'kaz; drop' },
        ['member'],
      ),
    ).toThrow(ForbiddenError);
  });

  test('no claims or no subject → unauthenticated; unknown groups or a role the route refuses → forbidden', () => {
    expect(() => actorFromClaims(undefined, ['secretariat'])).toThrow(UnauthenticatedError);
    expect(() =>
      actorFromClaims({ token_use: 'id', 'cognito:groups': '[secretariat]' }, ['secretariat']),
    ).toThrow(UnauthenticatedError);
    expect(() =>
      actorFromClaims({ sub: 'x', token_use: 'id', 'cognito:groups': '[admins]' }, ['secretariat']),
    ).toThrow(ForbiddenError);
    expect(() =>
      actorFromClaims({ sub: 'x', token_use: 'id', 'cognito:groups': '[auditor]' }, [
        'secretariat',
      ]),
    ).toThrow(ForbiddenError);
  });
});
