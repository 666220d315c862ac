import { callLocalApi } from './local-api-client';
import { mintToken } from './tokens';

/** One call of a demo user's history; a business refusal (422) is part of the story, not an error. */
interface DemoStep {
  readonly method: 'POST';
  readonly path: '/deposits' | '/withdrawals' | '/orders/buy' | '/orders/sell';
  readonly body: Readonly<Record<string, string>>;
}

const deposit = (amount: string): DemoStep => ({ method: 'POST', path: '/deposits', body: { amount } });
const withdraw = (amount: string): DemoStep => ({ method: 'POST', path: '/withdrawals', body: { amount } });
const buy = (asset: string, quantity: string): DemoStep => ({
  method: 'POST',
  path: '/orders/buy',
  body: { asset, quantity },
});
const sell = (asset: string, quantity: string): DemoStep => ({
  method: 'POST',
  path: '/orders/sell',
  body: { asset, quantity },
});

/**
 * Three users with cash, holdings and some history, including a refused order. Alice deposits less
 * than the daily deposit limit, so seeding after the README's examples (which deposit for alice
 * too) tells the same story.
 */
export const DEMO_USERS: Readonly<Record<string, readonly DemoStep[]>> = {
  alice: [deposit('9000.00'), buy('BTC', '0.05'), buy('ETH', '1'), sell('ETH', '0.5'), withdraw('250.00')],
  bob: [deposit('2500.00'), buy('SOL', '5'), withdraw('100.00')],
  carol: [deposit('500.00'), buy('BTC', '1'), buy('SOL', '2')],
};

export interface SeededCall {
  readonly userId: string;
  readonly call: string;
  readonly status: number;
  readonly replayed: boolean;
}

/**
 * Plays every demo user's history against the API at `apiUrl`. Each call carries an Idempotency-Key
 * derived from the user and the step, so seeding twice replays the first answers and changes nothing.
 */
export async function seedDemoUsers(apiUrl: string, userPrefix = ''): Promise<SeededCall[]> {
  const seeded: SeededCall[] = [];
  for (const [name, steps] of Object.entries(DEMO_USERS)) {
    const userId = `${userPrefix}${name}`;
    const token = await mintToken(userId);
    for (const [index, step] of steps.entries()) {
      const answer = await callLocalApi(apiUrl, token, {
        ...step,
        idempotencyKey: `seed-${userId.replaceAll(/[^A-Za-z0-9_:.-]/g, '_')}-${index + 1}`,
      });
      if (answer.status !== 201 && answer.status !== 422) {
        throw new Error(
          `${step.method} ${step.path} for ${userId} answered ${answer.status}: ${answer.text}`,
        );
      }
      seeded.push({
        userId,
        call: `${step.method} ${step.path} ${Object.values(step.body).join(' ')}`,
        status: answer.status,
        replayed: answer.headers.get('idempotent-replayed') === 'true',
      });
    }
  }
  return seeded;
}
