import { createServer } from 'node:net';

/**
 * Asks the kernel for a port that is free on 127.0.0.1 right now. Another process could take it
 * before the caller binds it; that race is accepted because every caller binds within a second.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('no TCP address'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
