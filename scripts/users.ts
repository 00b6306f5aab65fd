import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { PARTY_ATTRIBUTE, USER_GROUPS } from '../cdk/config.js';
import { ZPartyCode } from '../shared/schemas/requests.js';

/**
 * `npm run users -- <command> [options]`: the secretariat's accounts in the
 * Cognito user pool, without the console.
 *
 *   invite    --email E --group secretariat|auditor|member [--party KAZ] [--name N]
 *   list      [--group G]
 *   disable   --email E
 *   enable    --email E
 *   set-party --email E --party KAZ
 *   resend    --email E
 *
 * The pool comes from `--user-pool-id` or USER_POOL_ID (the stack output
 * `UserPoolId`); credentials and region from the usual AWS environment.
 * A member must name a valid party code; other groups must not name one.
 */

const GROUPS = USER_GROUPS.map((group) => group.name);
type Group = (typeof GROUPS)[number];
const PARTY_CLAIM = `custom:${PARTY_ATTRIBUTE}`;

export const USAGE = `usage: npm run users -- <command> [options] [--user-pool-id ID]
  invite    --email E --group ${GROUPS.join('|')} [--party CODE] [--name NAME]
  list      [--group ${GROUPS.join('|')}]
  disable   --email E
  enable    --email E
  set-party --email E --party CODE
  resend    --email E
The pool: --user-pool-id or USER_POOL_ID (stack output UserPoolId).`;

/** A refusal of the command line, before anything is sent to Cognito. */
export class UsageError extends Error {}

export interface UsersIo {
  readonly client: Pick<CognitoIdentityProviderClient, 'send'>;
  readonly out: (line: string) => void;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function email(value: string | undefined): string {
  if (!value) throw new UsageError('--email is required');
  if (!EMAIL.test(value)) throw new UsageError(`--email ${value} is not an e-mail address`);
  return value.toLowerCase();
}

function group(value: string | undefined): Group {
  if (!value) throw new UsageError(`--group is required (${GROUPS.join(', ')})`);
  if (!(GROUPS as readonly string[]).includes(value))
    throw new UsageError(`--group must be one of ${GROUPS.join(', ')}, not ${value}`);
  return value as Group;
}

function party(value: string | undefined): string {
  if (!value) throw new UsageError('--party is required for a member (e.g. --party KAZ)');
  if (!ZPartyCode.safeParse(value).success)
    throw new UsageError(`--party ${value} is not a party code (AZE, KAZ, OTS, …)`);
  return value;
}

const attribute = (attributes: readonly AttributeType[] | undefined, name: string) =>
  attributes?.find((candidate) => candidate.Name === name)?.Value;

async function groupsOf(io: UsersIo, poolId: string, username: string): Promise<string[]> {
  const groups: string[] = [];
  let token: string | undefined;
  do {
    const page = await io.client.send(
      new AdminListGroupsForUserCommand({
        UserPoolId: poolId,
        Username: username,
        NextToken: token,
      }),
    );
    groups.push(...(page.Groups ?? []).map((entry) => entry.GroupName ?? ''));
    token = page.NextToken;
  } while (token);
  return groups;
}

async function listUsers(io: UsersIo, poolId: string, only?: Group): Promise<UserType[]> {
  const users: UserType[] = [];
  let token: string | undefined;
  do {
    if (only) {
      const page = await io.client.send(
        new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: only, NextToken: token }),
      );
      users.push(...(page.Users ?? []));
      token = page.NextToken;
    } else {
      const page = await io.client.send(
        new ListUsersCommand({ UserPoolId: poolId, PaginationToken: token }),
      );
      users.push(...(page.Users ?? []));
      token = page.PaginationToken;
    }
  } while (token);
  return users;
}

export async function runUsers(argv: readonly string[], io: UsersIo): Promise<void> {
  const [command, ...rest] = argv;
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: {
        email: { type: 'string' },
        group: { type: 'string' },
        party: { type: 'string' },
        name: { type: 'string' },
        'user-pool-id': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const poolId = values['user-pool-id'] ?? (io.env ?? process.env).USER_POOL_ID;
  if (!command) throw new UsageError('a command is required');
  if (!poolId) throw new UsageError('the user pool is required: --user-pool-id or USER_POOL_ID');

  switch (command) {
    case 'invite': {
      const username = email(values.email);
      const role = group(values.group);
      if (role !== 'member' && values.party)
        throw new UsageError(`only members represent a party; a ${role} takes no --party`);
      const code = role === 'member' ? party(values.party) : undefined;
      await io.client.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: username,
          // Cognito e-mails a temporary password; the first sign-in sets a new one.
          DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [
            { Name: 'email', Value: username },
            { Name: 'email_verified', Value: 'true' },
            ...(values.name ? [{ Name: 'name', Value: values.name }] : []),
            ...(code ? [{ Name: PARTY_CLAIM, Value: code }] : []),
          ],
        }),
      );
      await io.client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: username, GroupName: role }),
      );
      io.out(
        `invited ${username} as ${role}${code ? ` of ${code}` : ''}; Cognito e-mailed a temporary password`,
      );
      return;
    }
    case 'list': {
      const only = values.group ? group(values.group) : undefined;
      const users = await listUsers(io, poolId, only);
      io.out(['email', 'status', 'enabled', 'party'].join('\t'));
      for (const user of users) {
        io.out(
          [
            attribute(user.Attributes, 'email') ?? user.Username ?? '',
            user.UserStatus ?? '',
            user.Enabled === false ? 'no' : 'yes',
            attribute(user.Attributes, PARTY_CLAIM) ?? '',
          ].join('\t'),
        );
      }
      return;
    }
    case 'disable':
    case 'enable': {
      const username = email(values.email);
      const Command = command === 'disable' ? AdminDisableUserCommand : AdminEnableUserCommand;
      await io.client.send(new Command({ UserPoolId: poolId, Username: username }));
      io.out(`${command}d ${username}`);
      return;
    }
    case 'set-party': {
      const username = email(values.email);
      const code = party(values.party);
      const groups = await groupsOf(io, poolId, username);
      if (!groups.includes('member'))
        throw new UsageError(
          `${username} is not a member (groups: ${groups.join(', ') || 'none'}); only members represent a party`,
        );
      await io.client.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: poolId,
          Username: username,
          UserAttributes: [{ Name: PARTY_CLAIM, Value: code }],
        }),
      );
      io.out(`${username} now represents ${code} (from the next token on)`);
      return;
    }
    case 'resend': {
      const username = email(values.email);
      const user = await io.client.send(
        new AdminGetUserCommand({ UserPoolId: poolId, Username: username }),
      );
      if (user.UserStatus !== 'FORCE_CHANGE_PASSWORD')
        throw new UsageError(
          `${username} has already signed in (${user.UserStatus}); nothing to resend`,
        );
      await io.client.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: username,
          MessageAction: 'RESEND',
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
      io.out(`sent ${username} a new temporary password`);
      return;
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const client = new CognitoIdentityProviderClient({});
  try {
    await runUsers(process.argv.slice(2), { client, out: (line) => console.log(line) });
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      process.exit(2);
    }
    console.error(`${(error as Error).name}: ${(error as Error).message}`);
    process.exit(1);
  } finally {
    client.destroy();
  }
}
