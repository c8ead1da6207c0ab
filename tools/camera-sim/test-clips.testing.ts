import { join } from 'node:path';
import { ensureClips, type SimulatorClips } from './clip-generation';

/** Clips for the simulator's tests, generated once into the workspace's (ignored) tmp folder. */
export const TEST_CLIPS_DIR = join(__dirname, '../../tmp/camera-sim-clips');

export function testClips(): Promise<SimulatorClips> {
  return ensureClips(TEST_CLIPS_DIR);
}
