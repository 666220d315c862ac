import { createServer } from 'node:net';

/** Asks the OS for a port nobody listens on. Another process could take it before we do; callers retry or fail clearly. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('The OS did not report the port it picked.'));
      });
    });
  });
}

/**
 * Fails when something already listens on `port` on any interface. Without this, a DynamoDB Local left
 * over from another run would answer our readiness probe and we would silently use its data.
 */
export function assertPortFree(port: number, remedy: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new Error(`Port ${port} is already in use. ${remedy}`));
      } else {
        reject(error);
      }
    });
    probe.listen(port, () => probe.close(() => resolve()));
  });
}
