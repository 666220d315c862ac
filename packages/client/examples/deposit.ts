import { createLockstepClient, NoAnswerError } from '@lockstep/client';

/** Deposits 100.00 for the token's user; a lost answer is resent with the same key, so it lands once. */
export async function depositHundred(baseUrl: string, token: string): Promise<string> {
  const api = createLockstepClient({ baseUrl, token });
  try {
    const { data, error } = await api.POST('/deposits', { body: { amount: '100.00' } });
    if (error) return `refused: ${error.error.code}: ${error.error.message}`;
    return `available: ${data.balance.cash.available} USD`;
  } catch (failure) {
    // Nothing answered, even after retries: resend later with this key and it applies at most once.
    if (failure instanceof NoAnswerError) return `no answer; resend with key ${failure.idempotencyKey}`;
    throw failure;
  }
}
