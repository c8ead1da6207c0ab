import { fuseScores } from './score-fusion';

describe('fuseScores', () => {
  it('keeps agreement where it is', () => {
    expect(fuseScores(0.9, 0.9)).toBeCloseTo(0.9);
    expect(fuseScores(0.5, 0.5)).toBeCloseTo(0.5);
  });

  it('is the weighted mean of the log-odds', () => {
    const logit = (p: number) => Math.log(p / (1 - p));
    const z = 0.5 * logit(0.6) + 0.5 * logit(0.3);
    expect(fuseScores(0.6, 0.3)).toBeCloseTo(1 / (1 + Math.exp(-z)));
    const w = 0.8 * logit(0.6) + 0.2 * logit(0.3);
    expect(fuseScores(0.6, 0.3, 0.8)).toBeCloseTo(1 / (1 + Math.exp(-w)));
  });

  it('lets a confident verifier lift an unsure candidate and a confident no pull a sure one down', () => {
    expect(fuseScores(0.3, 0.99)).toBeGreaterThan(0.8);
    expect(fuseScores(0.8, 0)).toBeLessThan(0.2);
  });

  it('floors the verifier, so a miss is strong evidence but no veto', () => {
    expect(fuseScores(0.999, 0)).toBeCloseTo(fuseScores(0.999, 0.01));
    expect(fuseScores(0.9999, 0)).toBeGreaterThan(0.4);
  });

  it('rises with either score', () => {
    expect(fuseScores(0.5, 0.6)).toBeGreaterThan(fuseScores(0.5, 0.5));
    expect(fuseScores(0.6, 0.5)).toBeGreaterThan(fuseScores(0.5, 0.5));
  });
});
