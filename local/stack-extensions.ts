import { orderReaperExtension, orderWorkflowExtension } from './order-flow-extensions';
import type { LocalStackExtension } from './stack-extension';

/** What `npm start` runs besides the API: the order workflow runner, then the reaper. */
export const localStackExtensions: readonly LocalStackExtension[] = [
  orderWorkflowExtension,
  orderReaperExtension,
];
