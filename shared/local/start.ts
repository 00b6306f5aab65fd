import { resolve } from 'node:path';
import { startLocalApi } from './server.js';

/**
 * `npm start`: DynamoDB Local (persisted under DATA_DIR) plus the API on
 * 127.0.0.1:PORT through the Lambda handlers. Ctrl-C, or SIGTERM to `npm start`, stops both.
 */
// Lambda runs Node.js 22+; on a Node 20 workstation the SDK's upgrade notice is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const port = Number(process.env.PORT ?? 3000);
const tableName = process.env.TABLE_NAME ?? 'signing-tracker';

console.log(
  process.env.DYNAMODB_ENDPOINT
    ? `Using DynamoDB at ${process.env.DYNAMODB_ENDPOINT}`
    : 'Starting DynamoDB Local…',
);
const api = await startLocalApi({
  dataDir,
  tableName,
  port,
  ...(process.env.DYNAMODB_ENDPOINT && { dynamoEndpoint: process.env.DYNAMODB_ENDPOINT }),
});

const dataDirHint = process.env.DATA_DIR ? `DATA_DIR=${process.env.DATA_DIR} ` : '';
console.log(`
Signing tracker API listening on ${api.url}
  table ${tableName} on DynamoDB ${api.dynamoEndpoint}${process.env.DYNAMODB_ENDPOINT ? '' : ` (data in ${dataDir})`}

Try it:
  curl ${api.url}/v1/health
  TOKEN=$(${dataDirHint}npm run --silent token -- --role secretariat)
  curl -H "Authorization: Bearer $TOKEN" ${api.url}/v1/conferences

Roles: --role secretariat | auditor | member --party AZE   (README has a full signing ceremony)
Press Ctrl-C to stop.
`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await api.close();
  process.exit(0);
};
// SIGTERM reaches this process itself: the npm script `exec`s node, as a shell in
// between would die of the signal npm forwards and leave this process running.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void stop(signal));
}
