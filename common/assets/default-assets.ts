/** Seeded on deploy and on every local start where missing (the contract's default assets). */
export const DEFAULT_ASSETS = [
  { asset: 'BTC', name: 'Bitcoin', price: '50000.00' },
  { asset: 'ETH', name: 'Ether', price: '3000.00' },
  { asset: 'SOL', name: 'Solana', price: '150.00' },
] as const;
