import { TrackCrops, voteIdentity } from './identity-vote';

describe('TrackCrops', () => {
  it('keeps the best three crops by quality, best first', () => {
    const track = new TrackCrops<{ quality: number; n: number }>();
    [0.2, 0.9, 0.5, 0.1, 0.7, 0.6].forEach((quality, n) => track.offer({ quality, n }));
    expect(track.crops.map((c) => c.quality)).toEqual([0.9, 0.7, 0.6]);
  });

  it('says whether a crop was kept; an equal one does not displace an earlier one', () => {
    const track = new TrackCrops<{ quality: number; n: number }>(1);
    expect(track.offer({ quality: 0.5, n: 1 })).toBe(true);
    expect(track.offer({ quality: 0.5, n: 2 })).toBe(false);
    expect(track.offer({ quality: 0.6, n: 3 })).toBe(true);
    expect(track.crops).toEqual([{ quality: 0.6, n: 3 }]);
  });

  it('refuses to keep no crop', () => {
    expect(() => new TrackCrops(0)).toThrow();
  });
});

describe('voteIdentity', () => {
  it('names the person with the most accepted matches', () => {
    const vote = voteIdentity([
      { personId: 'bob', similarity: 0.9 },
      { personId: 'alice', similarity: 0.7 },
      null,
      { personId: 'alice', similarity: 0.8 },
    ]);
    expect(vote).toEqual({ personId: 'alice', votes: 2, similarity: expect.closeTo(0.75, 5) });
  });

  it('breaks a tie by the higher mean similarity', () => {
    const vote = voteIdentity([
      { personId: 'alice', similarity: 0.7 },
      { personId: 'bob', similarity: 0.8 },
      null,
    ]);
    expect(vote?.personId).toBe('bob');
  });

  it('is unknown without an accepted match', () => {
    expect(voteIdentity([null, null, null])).toBeNull();
    expect(voteIdentity([])).toBeNull();
  });
});
