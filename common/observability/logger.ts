import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The process-wide Powertools logger. Request-scoped lines go through a child per request
 * (`requestLogger`), because the local server runs many requests at once in one process and appended
 * keys on a shared logger would leak from one request into another.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'lockstep' });

export function requestLogger(correlationId: string): Logger {
  return logger.createChild({ persistentKeys: { correlation_id: correlationId } });
}
