import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, test } from 'vitest';
import { runUsers, UsageError } from '../../../scripts/users.js';

/**
 * `npm run users` at the SDK boundary: each command sends exactly the
 * Cognito admin calls it should, and refuses bad input before sending any.
 */

const cognito = mockClient(CognitoIdentityProviderClient);
const client = new CognitoIdentityProviderClient({ region: 'eu-central-1' });
const POOL = 'eu-central-1_TEST';
let lines: string[];
const run = (...argv: string[]) =>
  runUsers([...argv, '--user-pool-id', POOL], { client, out: (line) => lines.push(line), env: {} });

beforeEach(() => {
  cognito.reset();
  lines = [];
});

const sent = () => cognito.calls().map((call) => call.args[0].constructor.name);

describe('invite', () => {
  test('a member with its party: created with a verified e-mail and the party, then put in its group', async () => {
    await run(
      'invite',
      '--email',
      'Legal@MFA.gov.kz',
      '--group',
      'member',
      '--party',
      'KAZ',
      '--name',
      'Айгерим Нурланова',
    );
    expect(sent()).toEqual(['AdminCreateUserCommand', 'AdminAddUserToGroupCommand']);
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'legal@mfa.gov.kz',
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: [
        { Name: 'email', Value: 'legal@mfa.gov.kz' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: 'Айгерим Нурланова' },
        { Name: 'custom:party', Value: 'KAZ' },
      ],
    });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'legal@mfa.gov.kz',
      GroupName: 'member',
    });
    expect(lines).toEqual([
      'invited legal@mfa.gov.kz as member of KAZ; Cognito e-mailed a temporary password',
    ]);
  });

  test('a secretariat officer has no party', async () => {
    await run('invite', '--email', 'officer@turkicstates.org', '--group', 'secretariat');
    const attributes =
      cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input.UserAttributes;
    expect(attributes?.map((attribute) => attribute.Name)).toEqual(['email', 'email_verified']);
  });

  test.each([
    [['--email', 'a@b.kz', '--group', 'member'], /--party is required/],
    [['--email', 'a@b.kz', '--group', 'member', '--party', 'kaz'], /not a party code/],
    [['--email', 'a@b.kz', '--group', 'member', '--party', 'K'], /not a party code/],
    [
      ['--email', 'a@b.kz', '--group', 'admin'],
      /--group must be one of secretariat, auditor, member/,
    ],
    [['--email', 'a@b.kz'], /--group is required/],
    [['--email', 'not-an-address', '--group', 'auditor'], /not an e-mail address/],
    [['--email', 'a@b.kz', '--group', 'auditor', '--party', 'KAZ'], /takes no --party/],
    [['--group', 'auditor'], /--email is required/],
  ])('refuses %j before calling Cognito', async (args, message) => {
    await expect(run('invite', ...args)).rejects.toThrow(message);
    await expect(run('invite', ...args)).rejects.toBeInstanceOf(UsageError);
    expect(cognito.calls()).toHaveLength(0);
  });

  test('a Cognito refusal (the user exists) is reported, not swallowed', async () => {
    cognito.on(AdminCreateUserCommand).rejects(
      Object.assign(new Error('User account already exists'), {
        name: 'UsernameExistsException',
      }),
    );
    await expect(run('invite', '--email', 'a@b.kz', '--group', 'auditor')).rejects.toThrow(
      'User account already exists',
    );
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
  });
});

describe('list', () => {
  test('every page of the pool, with status, enabled and party', async () => {
    cognito
      .on(ListUsersCommand, { UserPoolId: POOL, PaginationToken: undefined })
      .resolves({
        Users: [
          {
            Username: 'u1',
            UserStatus: 'CONFIRMED',
            Enabled: true,
            Attributes: [
              { Name: 'email', Value: 'legal@mfa.gov.kz' },
              { Name: 'custom:party', Value: 'KAZ' },
            ],
          },
        ],
        PaginationToken: 'next',
      })
      .on(ListUsersCommand, { UserPoolId: POOL, PaginationToken: 'next' })
      .resolves({
        Users: [
          {
            Username: 'u2',
            UserStatus: 'FORCE_CHANGE_PASSWORD',
            Enabled: false,
            Attributes: [{ Name: 'email', Value: 'officer@turkicstates.org' }],
          },
        ],
      });
    await run('list');
    expect(lines).toEqual([
      'email\tstatus\tenabled\tparty',
      'legal@mfa.gov.kz\tCONFIRMED\tyes\tKAZ',
      'officer@turkicstates.org\tFORCE_CHANGE_PASSWORD\tno\t',
    ]);
  });

  test('one group', async () => {
    cognito.on(ListUsersInGroupCommand).resolves({ Users: [] });
    await run('list', '--group', 'auditor');
    expect(cognito.commandCalls(ListUsersInGroupCommand)[0]!.args[0].input.GroupName).toBe(
      'auditor',
    );
  });
});

describe('disable, enable, set-party, resend', () => {
  test('disable and enable', async () => {
    await run('disable', '--email', 'a@b.kz');
    await run('enable', '--email', 'a@b.kz');
    expect(cognito.commandCalls(AdminDisableUserCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'a@b.kz',
    });
    expect(cognito.commandCalls(AdminEnableUserCommand)).toHaveLength(1);
    expect(lines).toEqual(['disabled a@b.kz', 'enabled a@b.kz']);
  });

  test('set-party for a member', async () => {
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'member' }] });
    await run('set-party', '--email', 'a@b.kz', '--party', 'UZB');
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand)[0]!.args[0].input).toEqual({
      UserPoolId: POOL,
      Username: 'a@b.kz',
      UserAttributes: [{ Name: 'custom:party', Value: 'UZB' }],
    });
  });

  test('set-party refuses a non-member and a bad code', async () => {
    cognito.on(AdminListGroupsForUserCommand).resolves({ Groups: [{ GroupName: 'auditor' }] });
    await expect(run('set-party', '--email', 'a@b.kz', '--party', 'UZB')).rejects.toThrow(
      /not a member/,
    );
    await expect(run('set-party', '--email', 'a@b.kz', '--party', 'uz b')).rejects.toThrow(
      /not a party code/,
    );
    expect(cognito.commandCalls(AdminUpdateUserAttributesCommand)).toHaveLength(0);
  });

  test('resend only to a user who has not signed in yet', async () => {
    cognito.on(AdminGetUserCommand).resolvesOnce({ UserStatus: 'FORCE_CHANGE_PASSWORD' });
    await run('resend', '--email', 'a@b.kz');
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input).toMatchObject({
      Username: 'a@b.kz',
      MessageAction: 'RESEND',
    });
    cognito.on(AdminGetUserCommand).resolves({ UserStatus: 'CONFIRMED' });
    await expect(run('resend', '--email', 'a@b.kz')).rejects.toThrow(/already signed in/);
    expect(cognito.commandCalls(AdminCreateUserCommand)).toHaveLength(1);
  });

  test('an unknown command or a missing pool is a usage error', async () => {
    await expect(run('delete', '--email', 'a@b.kz')).rejects.toThrow(/unknown command delete/);
    await expect(runUsers(['list'], { client, out: () => {}, env: {} })).rejects.toThrow(
      /user pool is required/,
    );
    expect(cognito.calls()).toHaveLength(0);
  });
});
