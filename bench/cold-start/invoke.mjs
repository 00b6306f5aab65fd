// A fresh "Lambda container": imports one bundle, serves one API Gateway v2
// event, writes what it measured to fd 3 and exits. Plain JavaScript so that
// nothing but Node itself runs before the bundle.
//
// argv: <bundle index.mjs> [event.json]  (without an event: import only)
//
// Peak memory is VmHWM of /proc/self/status: the high-water mark of this
// process image. getrusage's maxRSS would not do: Linux carries it over from
// the parent across fork and exec, so a child of a big parent "peaks" at the
// parent's size.
import { readFileSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const bootMs = performance.now(); // since the process started (performance.timeOrigin)
const [bundle, eventFile] = process.argv.slice(2);
const event = eventFile ? JSON.parse(readFileSync(eventFile, 'utf8')) : undefined;
const requestId = event?.requestContext?.requestId ?? 'import-only';
const context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'bench',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:bench',
  memoryLimitInMB: '1536',
  awsRequestId: requestId,
  logGroupName: '/aws/lambda/bench',
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 20_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

const importStart = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const importMs = performance.now() - importStart;
const invokeStart = performance.now();
const result = event ? await handler(event, context) : { statusCode: 0 };
const invokeMs = performance.now() - invokeStart;
const usage = process.resourceUsage();
const peakKb = Number(
  /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? Number.NaN,
);
writeSync(
  3,
  `${JSON.stringify({
    statusCode: result?.statusCode,
    bodyLength: result?.body?.length ?? 0,
    bootMs,
    importMs,
    invokeMs,
    totalMs: performance.now(),
    timeOrigin: performance.timeOrigin,
    peakRssKb: peakKb,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
  })}\n`,
);
process.exit(0);
