import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..', '..', '..');

export interface SimulatorProcess {
  /** rtsp:// URL of each path, in the order asked for. */
  urls: string[];
  stop(): Promise<void>;
}

/**
 * The camera simulator (tools/camera-sim) as a child process: the API's tests may not import tools,
 * and a separate process keeps its RTP pacing off the test's event loop.
 */
export function startSimulatorProcess(paths: string[], timeoutMs = 120_000): Promise<SimulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'tools/camera-sim/main.ts'), '--port', '0', '--paths', paths.join(','), '--clips', join(ROOT, 'tmp/camera-sim-clips')],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const urls: string[] = [];
    const timer = setTimeout(() => fail(new Error(`camera simulator did not start in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      void stop();
      reject(error);
    };
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (!line.startsWith('rtsp://')) return;
      urls.push(line.trim());
      if (urls.length === paths.length) {
        clearTimeout(timer);
        resolve({ urls, stop });
      }
    });
    child.once('exit', (code) => fail(new Error(`camera simulator exited with ${code}: ${stderr}`)));
  });
}
