/**
 * Who fills open orders after an admin changes a price. In AWS nothing needs telling: a DynamoDB
 * stream on the asset items invokes the FillOrders function (ADR 0011). Locally there is no stream,
 * so the local stack registers a listener that runs the same fill pass in-process, after the answer.
 */
export type PriceChangeListener = (asset: string) => void;

let registered: PriceChangeListener | undefined;

export function usePriceChangeListener(listener: PriceChangeListener | undefined): void {
  registered = listener;
}

/** Called once a price is stored; never waits for, or fails with, the fills it starts. */
export function announcePriceChange(asset: string): void {
  registered?.(asset);
}
