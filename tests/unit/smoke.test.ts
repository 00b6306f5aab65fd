import { expect, inject, test } from 'vitest';
test('dynamo endpoint provided', () => { expect(inject('dynamoEndpoint')).toMatch(/^http/); });
