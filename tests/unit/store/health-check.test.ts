import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ServiceUnavailableError } from '../../../shared/domain/errors.js';
import { createDocumentClient, createDynamoClient } from '../../../shared/store/client.js';
import { DynamoSigningStore } from '../../../shared/store/dynamodb-signing-store.js';

/**
 * A table that hangs: DynamoDB accepts the request and never answers. The
 * health check must give up on its own deadline, within the public
 * function's timeout, and report "unavailable" (503), instead of riding
 * the client's retries (3 attempts of 3 s) into a Lambda timeout (500).
 */

let hung: Server;
let requests = 0;
beforeAll(async () => {
  hung = createServer(() => {
    requests++;
  });
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  hung.closeAllConnections();
  await new Promise((resolve) => hung.close(resolve));
});

test('a hung table: one attempt, then ServiceUnavailableError (no retries past the deadline)', async () => {
  const client = createDynamoClient({
    tableName: 'hung',
    endpoint: `http://127.0.0.1:${(hung.address() as AddressInfo).port}`,
  });
  const store = new DynamoSigningStore(createDocumentClient(client), 'hung');
  await expect(store.ping()).rejects.toBeInstanceOf(ServiceUnavailableError);
  expect(requests).toBe(1);
  client.destroy();
});
