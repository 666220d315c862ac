import type { components } from './openapi-types';

export {
  createLockstepClient,
  type LockstepClient,
  type LockstepClientOptions,
} from './create-lockstep-client';
export type { components, operations, paths } from './openapi-types';
export { type AttemptReport, NoAnswerError } from './resending-fetch';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

type Schemas = components['schemas'];
export type Asset = Schemas['Asset'];
export type Balance = Schemas['Balance'];
/** One ledger entry; narrow on `type` and `asset` to know the sign and scale of `amount`. */
export type Tx = Schemas['Tx'];
/** An order; narrow on `status`, and a FAILED one has its `failureReason`. */
export type Order = Schemas['Order'];
export type ErrorCode = Schemas['ErrorCode'];
export type ErrorBody = Schemas['Error'];
