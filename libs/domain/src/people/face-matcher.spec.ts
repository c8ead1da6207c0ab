import { anAnalysedFace, anEmbedding, InMemoryFaces, TEST_MODEL, unitVector, aFace } from '../testing';
import { FaceMatcher } from './face-matcher';

const settings = { threshold: 0.6, margin: 0.1 };

function enrolled(faceId: string, personId: string, vector: number[]) {
  return { faceId, personId, vector };
}

describe('FaceMatcher', () => {
  it('names the person whose face is close enough and clearly closest', () => {
    const m = new FaceMatcher(settings);
    m.add(TEST_MODEL, enrolled('f1', 'alice', unitVector(0)));
    m.add(TEST_MODEL, enrolled('f2', 'bob', unitVector(3)));
    const match = m.match(anEmbedding(unitVector(0, { tilt: 0.3 })));
    expect(match?.personId).toBe('alice');
    expect(match?.similarity).toBeCloseTo(Math.cos(0.3), 5);
  });

  it('names nobody below the threshold', () => {
    const m = new FaceMatcher(settings);
    m.add(TEST_MODEL, enrolled('f1', 'alice', unitVector(0)));
    // cos(1.0) ≈ 0.54 < 0.6
    expect(m.match(anEmbedding(unitVector(0, { tilt: 1.0 })))).toBeNull();
  });

  it('names nobody when two people are nearly as close (margin)', () => {
    const m = new FaceMatcher(settings);
    m.add(TEST_MODEL, enrolled('f1', 'alice', unitVector(0)));
    m.add(TEST_MODEL, enrolled('f2', 'bob', unitVector(1)));
    // Half-way between alice (axis 0) and bob (axis 1): both ≈ 0.707.
    expect(m.match(anEmbedding(unitVector(0, { towards: 1, tilt: Math.PI / 4 })))).toBeNull();
  });

  it("takes each person's best face, so many faces of one person do not count against it", () => {
    const m = new FaceMatcher(settings);
    m.add(TEST_MODEL, enrolled('f1', 'alice', unitVector(0)));
    m.add(TEST_MODEL, enrolled('f2', 'alice', unitVector(0, { tilt: 0.2 })));
    m.add(TEST_MODEL, enrolled('f3', 'alice', unitVector(0, { tilt: 0.4 })));
    expect(m.rank(anEmbedding(unitVector(0)))).toEqual([{ personId: 'alice', similarity: 1 }]);
    expect(m.match(anEmbedding(unitVector(0)))?.personId).toBe('alice');
  });

  it('never matches a face that failed a quality gate, or has no embedding', () => {
    const m = new FaceMatcher(settings);
    m.add(TEST_MODEL, enrolled('f1', 'alice', unitVector(0)));
    const good = anAnalysedFace();
    expect(m.matchFace(good)?.personId).toBe('alice');
    expect(m.matchFace({ ...good, quality: { ...good.quality, rejection: 'too-blurred' } })).toBeNull();
    expect(m.matchFace({ ...good, embedding: null })).toBeNull();
  });

  it('compares only embeddings of the same model', () => {
    const m = new FaceMatcher(settings);
    m.add('other@2', enrolled('f1', 'alice', unitVector(0)));
    expect(m.match(anEmbedding(unitVector(0)))).toBeNull();
    expect(m.match(anEmbedding(unitVector(0), 'other@2'))?.personId).toBe('alice');
  });

  it('forgets deleted faces and people, keeping the others', () => {
    const m = new FaceMatcher(settings);
    m.add(TEST_MODEL, enrolled('f1', 'alice', unitVector(0)));
    m.add(TEST_MODEL, enrolled('f2', 'bob', unitVector(3)));
    m.add(TEST_MODEL, enrolled('f3', 'carol', unitVector(5)));
    m.removeFace('f1');
    expect(m.match(anEmbedding(unitVector(0)))).toBeNull();
    m.removePerson('bob');
    expect(m.match(anEmbedding(unitVector(3)))).toBeNull();
    expect(m.match(anEmbedding(unitVector(5)))?.personId).toBe('carol');
    expect(m.size(TEST_MODEL)).toBe(1);
  });

  it('grows its index past its first capacity', () => {
    const m = new FaceMatcher(settings);
    for (let i = 0; i < 100; i++) m.add(TEST_MODEL, enrolled(`f${i}`, `p${i}`, unitVector(i % 8, { tilt: i / 1000 })));
    expect(m.size(TEST_MODEL)).toBe(100);
    m.add(TEST_MODEL, enrolled('f5', 'p5', unitVector(1)));
    expect(m.size(TEST_MODEL)).toBe(100);
  });

  it('does not name a person when the face is closer to one of their "not this person" corrections', () => {
    const m = new FaceMatcher(settings);
    m.add(TEST_MODEL, enrolled('f1', 'alice', unitVector(0)));
    const lookalike = unitVector(0, { towards: 2, tilt: 0.5 });
    expect(m.match(anEmbedding(lookalike))?.personId).toBe('alice');
    m.addNegative(anEmbedding(lookalike), 'alice');
    expect(m.match(anEmbedding(unitVector(0, { towards: 2, tilt: 0.45 })))).toBeNull();
    // Alice herself is still closer to her own faces than to the correction.
    expect(m.match(anEmbedding(unitVector(0, { towards: 2, tilt: 0.1 })))?.personId).toBe('alice');
  });

  it('loads enrolled embeddings and corrections of one model from the repository', async () => {
    const faces = new InMemoryFaces();
    await faces.add(aFace({ id: 'f1', personId: 'alice', embeddings: [anEmbedding(unitVector(0))] }));
    await faces.add(aFace({ id: 'f2', personId: 'bob', embeddings: [anEmbedding(unitVector(3), 'other@2')] }));
    const lookalike = unitVector(0, { towards: 2, tilt: 0.5 });
    await faces.addNegative({ personId: 'alice', model: TEST_MODEL, vector: lookalike, alertId: 'a1', createdAt: new Date() });
    const m = new FaceMatcher(settings);
    await m.load(faces, TEST_MODEL);
    expect(m.size(TEST_MODEL)).toBe(1);
    expect(m.match(anEmbedding(unitVector(0)))?.personId).toBe('alice');
    expect(m.match(anEmbedding(unitVector(0, { towards: 2, tilt: 0.45 })))).toBeNull();
  });

  it('refuses settings out of range', () => {
    expect(() => new FaceMatcher({ threshold: 2, margin: 0 })).toThrow();
    expect(() => new FaceMatcher({ threshold: 0.5, margin: -1 })).toThrow();
  });
});
