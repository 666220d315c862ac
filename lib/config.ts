import { LEASE_SECONDS, LOCK_WAIT_BUDGET_MS } from '../common/lease/lease-durations';

/** API Gateway HTTP APIs end an integration at 30 s and answer with their own 503 body. */
const API_GATEWAY_LIMIT_SECONDS = 30;
const lockWaitSeconds = LOCK_WAIT_BUDGET_MS / 1000;
/** Room for what a buy or sell does besides waiting: the reads after the lock, starting the execution, the answer. */
const orderMarginSeconds = 3;

/**
 * The deploy-time knobs of the stack, gathered so that tuning never means hunting through constructs.
 * Plain values with no CDK imports, so the local server can read them without loading aws-cdk-lib.
 */
export const lockstepConfig = {
  /** The CloudFormation stack name; `npm run user` reads this stack's outputs unless told `--stack`. */
  stackName: 'Lockstep',
  /** The outputs `cdk deploy` prints and `npm run user` reads back. */
  stackOutputs: { apiUrl: 'ApiUrl', userPoolId: 'UserPoolId', userPoolClientId: 'UserPoolClientId' },
  lambda: {
    memorySizeMb: 512,
    defaultTimeoutSeconds: 10,
  },
  /** The deploy-time custom resource that lists the default assets. */
  defaultAssetsSeeder: { memorySizeMb: 256 },
  /** One of CloudWatch Logs' fixed retention periods. */
  logRetentionDays: 30,
  httpApi: {
    throttle: { rateLimit: 100, burstLimit: 200 },
    /** Empty keeps CORS off: the API serves server-side clients until a browser front end exists. */
    corsAllowedOrigins: [] as readonly string[],
  },
  orderWorkflow: {
    /**
     * The order lease: past it the flow's fence is void and it can commit nothing, so running longer
     * only delays the answer; anything still PENDING is resolved by the order reaper.
     */
    timeoutSeconds: LEASE_SECONDS.order,
  },
  /**
   * What one buy or sell may spend, end to end: waiting for the lock, then the whole workflow, then
   * the margin. The sum stays under API Gateway's 30 s by at least a second, so a contended, slow
   * order still gets the contract's answer (409 LOCKED, or 503 with the order) rather than the
   * gateway's timeout body; the Buy and Sell Lambdas time out at that sum.
   */
  orderRequest: {
    lockWaitSeconds,
    marginSeconds: orderMarginSeconds,
    lambdaTimeoutSeconds: lockWaitSeconds + LEASE_SECONDS.order + orderMarginSeconds,
    apiGatewayLimitSeconds: API_GATEWAY_LIMIT_SECONDS,
  },
  alarms: {
    /** The window every alarm judges; short enough to hear of a failed rollback within minutes. */
    periodMinutes: 5,
    /** Share of API requests answered with a 5xx, over one period, that raises the alarm. */
    serverErrorRatePercent: 5,
  },
} as const;
