/**
 * `npm start`. Prints a banner ending in its ready line when the API answers, and on SIGINT or
 * SIGTERM stops the API and DynamoDB Local before exiting 0, so nothing stays listening.
 */
import { httpFunctions } from '../lib/function-catalog';
import { shutdownLine, startupBanner } from './banner';
import { writeCompactLogs } from './compact-logs';
import { portFromEnv } from './port-from-env';
import { startLocalStack } from './stack';

if (process.env.LOCKSTEP_LOG_FORMAT === 'compact') writeCompactLogs();

const port = portFromEnv('PORT');
const dynamodbPort = portFromEnv('DYNAMODB_PORT');
const dataDir = process.env.DATA_DIR || undefined;
// A DynamoDB that is already running (`npm run dev` starts one and restarts only this process).
const dynamodbEndpoint = process.env.DYNAMODB_ENDPOINT || undefined;

let stack: Awaited<ReturnType<typeof startLocalStack>>;
try {
  stack = await startLocalStack({ port, dynamodbPort, dataDir, dynamodbEndpoint });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

/** Past this, a stop that hangs gives way to a hard exit; the exit guard still takes DynamoDB Local down. */
const STOP_DEADLINE_MS = 10_000;

let stopping = false;
async function shutDown(): Promise<void> {
  // Ctrl-C reaches every process of the group and npm and tsx forward it again, so one key press
  // can arrive more than once; repeats must not cut the orderly stop short.
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), STOP_DEADLINE_MS).unref();
  try {
    await stack.stop();
    console.log(shutdownLine(dynamodbEndpoint !== undefined));
    process.exit(0);
  } catch (error) {
    console.error('The local stack did not stop cleanly:', error);
    process.exit(1);
  }
}
process.on('SIGINT', shutDown);
process.on('SIGTERM', shutDown);

console.log(
  startupBanner({
    apiUrl: stack.url,
    dynamodbEndpoint: stack.dynamodbEndpoint,
    dataDir: dynamodbEndpoint ? undefined : dataDir,
    sharedDynamoDb: dynamodbEndpoint !== undefined,
    routes: httpFunctions.map((spec) => spec.route),
  }),
);
