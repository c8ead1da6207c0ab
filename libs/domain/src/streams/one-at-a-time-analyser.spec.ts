import type { AnalysedFace, FaceAnalyser } from '../people/face-analyser';
import { testFrame } from '../testing/pipeline-fakes';
import { OneAtATimeAnalyser } from './one-at-a-time-analyser';

/** An analyser whose calls finish when the test says; records how many ran at once. */
function gatedAnalyser() {
  const pending: Array<{ resolve: (faces: AnalysedFace[]) => void; reject: (e: Error) => void }> = [];
  let running = 0;
  let most = 0;
  const analyser: FaceAnalyser = {
    model: 'gated@1',
    analyse: () =>
      new Promise<AnalysedFace[]>((resolve, reject) => {
        running++;
        most = Math.max(most, running);
        pending.push({
          resolve: (faces) => (running--, resolve(faces)),
          reject: (e) => (running--, reject(e)),
        });
      }),
  };
  return { analyser, pending, most: () => most };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('OneAtATimeAnalyser', () => {
  it('runs analyses one after another, in order, and goes on after a failure', async () => {
    const gated = gatedAnalyser();
    const one = new OneAtATimeAnalyser(gated.analyser);
    expect(one.model).toBe('gated@1');
    const a = one.analyse(testFrame());
    const b = one.analyse(testFrame());
    const c = one.analyse(testFrame());
    await tick();
    expect(gated.pending).toHaveLength(1);
    expect(one.queued).toBe(3);
    gated.pending[0].reject(new Error('worker died'));
    await expect(a).rejects.toThrow('worker died');
    await tick();
    expect(gated.pending).toHaveLength(2);
    gated.pending[1].resolve([]);
    await expect(b).resolves.toEqual([]);
    await tick();
    gated.pending[2].resolve([]);
    await expect(c).resolves.toEqual([]);
    expect(gated.most()).toBe(1);
    expect(one.queued).toBe(0);
  });
});
