/**
 * How many times in a row this process must have found a user's lock busy before a request for it
 * parks instead of queueing: a user met busy now and then is served faster by the queue, one that
 * stays busy by parking (measured with the checker's bank workload and the bench's hot payee and
 * hot user, ADR 0014 and 0015).
 */
export const PARK_AFTER_CONTENTIONS = 3;
