import { LEASE_SECONDS } from '../common/lease/lease-durations';

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
     * only delays the answer. Ending here also keeps buy and sell inside API Gateway's 30 s limit, so
     * the caller gets the contract's 503 (with the order) rather than a gateway timeout; anything still
     * PENDING is resolved by the order reaper.
     */
    timeoutSeconds: LEASE_SECONDS.order,
  },
  alarms: {
    /** The window every alarm judges; short enough to hear of a failed rollback within minutes. */
    periodMinutes: 5,
    /** Share of API requests answered with a 5xx, over one period, that raises the alarm. */
    serverErrorRatePercent: 5,
  },
} as const;
