import {
  orderReaperExtension,
  orderWorkflowExtension,
  priceChangeFillExtension,
} from './order-flow-extensions';
import type { LocalStackExtension } from './stack-extension';

/** What `npm start` runs besides the API: the order workflow runner, the reaper, the price-change fills. */
export const localStackExtensions: readonly LocalStackExtension[] = [
  orderWorkflowExtension,
  orderReaperExtension,
  priceChangeFillExtension,
];
