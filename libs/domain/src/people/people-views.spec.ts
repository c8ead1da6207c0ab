import { aFace, aPerson } from '../testing';
import { toFaceView, toPersonView, toUnknownGroupView } from './people-views';

const signed = (key: string) => `/media/${key}?sig=x`;

describe('people views', () => {
  it('shows a person with their face count', () => {
    expect(toPersonView(aPerson(), 3)).toEqual({
      id: 'p1',
      name: 'Alice',
      alert: false,
      faceCount: 3,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('shows a face with a signed link, never its embeddings', () => {
    const view = toFaceView(aFace(), signed);
    expect(view).toEqual({
      id: 'f1',
      personId: 'p1',
      box: { x: 10, y: 10, width: 100, height: 120 },
      quality: 0.9,
      imageUrl: '/media/faces/p1/f1.jpg?sig=x',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(JSON.stringify(view)).not.toContain('vector');
  });

  it('shows an unknown group with links to its samples', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const group = { id: 'g1', number: 4, faceCount: 2, firstSeen: at, lastSeen: at, cameraIds: ['c1'] };
    const face = { id: 'u1', groupId: 'g1', cameraId: 'c1', alertId: null, imageKey: 'unknowns/g1/u1.jpg', embedding: { model: 'm', vector: [1] }, quality: 0.5, seenAt: at };
    expect(toUnknownGroupView(group, [face], signed)).toEqual({
      id: 'g1',
      number: 4,
      faceCount: 2,
      firstSeen: '2026-01-01T00:00:00.000Z',
      lastSeen: '2026-01-01T00:00:00.000Z',
      cameraIds: ['c1'],
      sampleUrls: ['/media/unknowns/g1/u1.jpg?sig=x'],
    });
  });
});
