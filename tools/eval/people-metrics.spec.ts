import { decide, identification, rank1, rankPeople, tarAtFar, type Probe } from './people-metrics';

const v = (...xs: number[]) => Float32Array.from(xs);

describe('tarAtFar', () => {
  it('sets the threshold at the impostor score that keeps the false accepts within the rate', () => {
    const impostor = Array.from({ length: 100 }, (_, i) => i / 100); // 0.00 … 0.99
    const genuine = [0.5, 0.97, 0.985, 0.995];
    expect(tarAtFar(genuine, impostor, 0.01)).toEqual({ tar: 0.5, threshold: 0.98 }); // one impostor (0.99) above
    expect(tarAtFar(genuine, impostor, 0.001)).toEqual({ tar: 0.25, threshold: 0.99 });
  });
});

describe('matching rule', () => {
  const gallery = new Map([
    ['ann', [v(1, 0), v(0.8, 0.6)]],
    ['bob', [v(0, 1)]],
  ]);

  it('ranks people by their best enrolled embedding', () => {
    const ranked = rankPeople(v(0.6, 0.8), gallery);
    expect(ranked.map((r) => r.person)).toEqual(['ann', 'bob']);
    expect(ranked[0].similarity).toBeCloseTo(0.96);
    expect(ranked[1].similarity).toBeCloseTo(0.8);
  });

  it('names the best person only above the threshold and ahead by the margin', () => {
    const ranked = [{ person: 'ann', similarity: 0.95 }, { person: 'bob', similarity: 0.945 }];
    expect(decide(ranked, 0.9, 0.001)).toBe('ann');
    expect(decide(ranked, 0.9, 0.01)).toBeNull();
    expect(decide(ranked, 0.96, 0)).toBeNull();
  });

  it('counts right and wrong names, rejected distractors, and rank-1 with a missing face as a miss', () => {
    const probes: Probe[] = [
      { truth: 'ann', ranked: [{ person: 'ann', similarity: 0.95 }, { person: 'bob', similarity: 0.5 }] },
      { truth: 'ann', ranked: [{ person: 'bob', similarity: 0.95 }, { person: 'ann', similarity: 0.5 }] },
      { truth: 'bob', ranked: null },
      { truth: null, ranked: [{ person: 'bob', similarity: 0.95 }] },
      { truth: null, ranked: [{ person: 'bob', similarity: 0.6 }] },
    ];
    expect(identification(probes, 0.9, 0)).toEqual({ threshold: 0.9, margin: 0, named: 1 / 3, wrongNames: 1 / 3, distractorsRejected: 0.5 });
    expect(rank1(probes)).toBeCloseTo(1 / 3);
  });
});
