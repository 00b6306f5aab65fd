import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { buildOpenApiDocument } from '../shared/schemas/openapi.js';

/**
 * `npm run openapi [-- <file>]`: writes the OpenAPI 3.1 document (the one
 * `GET /v1/openapi.json` serves) to `<file>`, default `out/openapi.json`,
 * after checking it against the OpenAPI 3.1 schema, and prints the path.
 */
const target = resolve(process.argv[2] ?? 'out/openapi.json');
const document = buildOpenApiDocument();

const validator = new Validator();
const result = await validator.validate(structuredClone(document));
if (!result.valid) {
  console.error('The generated document is not valid OpenAPI 3.1:');
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}

mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
const operations = Object.values(document.paths as Record<string, object>).reduce(
  (count, item) => count + Object.keys(item).length,
  0,
);
console.log(`OpenAPI ${String(document.openapi)} document, ${operations} operations: ${target}`);
