import { holdingOf } from '../../common/accounts/balance-state';
import { readBalance } from '../../common/accounts/balance-store';
import { deposit } from '../../common/cash/cash-operations';
import { CASH } from '../../common/money/amounts';
import { newUserId } from './ids';

/** A new user whose account holds `cents`, from one deposit. */
export async function fundedUser(cents: bigint, label = 'user'): Promise<string> {
  const userId = newUserId(label);
  await deposit({ userId, amount: cents, requestId: 'funding' });
  return userId;
}

/** The user's cash, available and held, in cents, read straight from the table. */
export const cashOf = async (userId: string) => holdingOf(await readBalance(userId), CASH);
