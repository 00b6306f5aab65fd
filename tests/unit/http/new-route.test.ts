import { describe, expect, test } from 'vitest';
import * as z from 'zod';
import { defineRoutes, EVERYONE } from '../../../shared/contract/route.js';
import { routes } from '../../../shared/contract/routes.js';
import { createApiHandler } from '../../../shared/http/api-handler.js';
import { defineOperation } from '../../../shared/http/operation.js';
import { ok } from '../../../shared/http/results.js';
import { matchRoute } from '../../../shared/http/route-match.js';
import { buildOpenApiDocument } from '../../../shared/schemas/openapi.js';
import { ZPartyCode } from '../../../shared/schemas/requests.js';
import { apiEvent, claimsOf, invoke } from '../../helpers/apigw.js';

/**
 * "A new route is one table entry and one operation" (README, Adding a
 * route), done here: the entry below and its operation are all it takes for
 * the Middy stack to route, authorise and validate it, for the local
 * server's matcher to find it and for the OpenAPI document to describe it.
 */

// 1. The table entry (in shared/contract/routes/reads.ts for a real route).
const greetingRoutes = defineRoutes('reads', {
  getGreeting: {
    method: 'GET',
    path: '/v1/parties/{party}/greeting',
    roles: EVERYONE,
    tag: 'Conferences',
    summary: 'Greet a party in its language',
    request: {
      path: z.strictObject({ party: ZPartyCode }),
      query: z.strictObject({ language: z.enum(['en', 'kk']).default('en') }),
    },
    responses: {
      200: {
        description: 'A greeting.',
        content: { 'application/json': { raw: { type: 'object' } } },
      },
    },
  },
});

// 2. The operation (a file in functions/operations/ for a real route).
const getGreetingOperation = defineOperation(
  greetingRoutes.getGreeting,
  async ({ path, query, actor }) =>
    ok({ text: `${query.language === 'kk' ? 'Сәлем' : 'Hello'}, ${path.party}`, role: actor.role }),
);

// The function's entry lists it (functions/reads.ts for a real route).
const handler = createApiHandler(greetingRoutes, { getGreeting: getGreetingOperation });

const route = greetingRoutes.getGreeting;
const call = (party: string, options: { query?: Record<string, string>; role?: 'member' } = {}) =>
  invoke(
    handler,
    apiEvent({
      route,
      path: `/v1/parties/${party}/greeting`,
      pathParameters: { party },
      ...(options.query && { query: options.query }),
      claims: claimsOf(options.role ?? 'member', 'KAZ'),
    }),
  );

describe('a route added as one table entry and one operation', () => {
  test('is served with its validated, typed input', async () => {
    const response = await call('KAZ', { query: { language: 'kk' } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ text: 'Сәлем, KAZ', role: 'member' });
  });

  test('is validated from the entry: a bad party code or an unknown query parameter is 400', async () => {
    const badParty = await call('kaz');
    expect(badParty.status).toBe(400);
    expect(badParty.body.errors).toEqual([{ path: 'party', message: expect.any(String) }]);
    const unknown = await call('KAZ', { query: { lang: 'kk' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'lang', message: 'is not an allowed property' }]);
  });

  test('is guarded by the entry’s roles: no token is 401', async () => {
    const response = await invoke(
      handler,
      apiEvent({ route, path: '/v1/parties/KAZ/greeting', pathParameters: { party: 'KAZ' } }),
    );
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  test('is matched by the local server’s matcher and documented in OpenAPI', () => {
    const table = [...routes, route];
    const match = matchRoute(table, 'GET', '/v1/parties/AZE/greeting');
    expect(match).toEqual({ kind: 'route', route, pathParameters: { party: 'AZE' } });
    const operation = (buildOpenApiDocument(table) as any).paths['/v1/parties/{party}/greeting']
      .get;
    expect(operation.operationId).toBe('getGreeting');
    expect(operation.tags).toEqual(['Conferences']);
    expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual([
      'party',
      'language',
    ]);
    expect(Object.keys(operation.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '405', '503']),
    );
  });

  test('a function whose entry lacks an operation for one of its routes refuses to start', () => {
    const twoRoutes = defineRoutes('reads', {
      getGreeting: greetingRoutes.getGreeting,
      getFarewell: { ...greetingRoutes.getGreeting, path: '/v1/parties/{party}/farewell' },
    });
    const greeting = defineOperation(twoRoutes.getGreeting, async () => ok({}));
    expect(() => createApiHandler(twoRoutes, { getGreeting: greeting } as never)).toThrow(
      'Function reads has no operation getFarewell',
    );
    expect(() =>
      createApiHandler(twoRoutes, { getGreeting: greeting, getFarewell: greeting }),
    ).toThrow('Function reads: operation getFarewell serves another route entry');
  });
});
