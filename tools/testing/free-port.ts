import { createServer } from 'node:net';

/** A TCP port that is free on 127.0.0.1 now (the system picks it; nothing holds it afterwards). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
