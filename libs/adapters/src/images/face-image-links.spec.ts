import { SnapshotLinks } from '../snapshots/snapshot-links';
import { FaceImageLinks } from './face-image-links';

const query = (url: string) => new URL(url, 'http://x').searchParams;

describe('FaceImageLinks', () => {
  const links = new FaceImageLinks('secret-0123456789');

  it('signs a crop key for one user under /api/media/, and verifies it for that user only', () => {
    const url = links.urlFor('faces/p-1/f-1.jpg', 'user-1', 1_000_000);
    expect(url.startsWith('/api/media/faces/p-1/f-1.jpg?u=user-1&exp=')).toBe(true);
    const q = query(url);
    expect(links.verify('faces/p-1/f-1.jpg', 'user-1', q.get('exp'), q.get('sig'), 1_000_000)).toMatchObject({ userId: 'user-1' });
    expect(links.verify('faces/p-1/f-1.jpg', 'user-2', q.get('exp'), q.get('sig'), 1_000_000)).toBeNull();
    expect(links.verify('faces/p-1/f-2.jpg', 'user-1', q.get('exp'), q.get('sig'), 1_000_000)).toBeNull();
  });

  it('expires after an hour', () => {
    const q = query(links.urlFor('faces/p-1/f-1.jpg', 'user-1', 0));
    expect(links.verify('faces/p-1/f-1.jpg', 'user-1', q.get('exp'), q.get('sig'), 3_599_000)).not.toBeNull();
    expect(links.verify('faces/p-1/f-1.jpg', 'user-1', q.get('exp'), q.get('sig'), 3_601_000)).toBeNull();
  });

  it('does not share signatures with snapshot links made from the same secret', () => {
    const snapshots = new SnapshotLinks('secret-0123456789');
    const q = query(snapshots.urlFor('faces/p-1/f-1.jpg', 'user-1', 0));
    expect(links.verify('faces/p-1/f-1.jpg', 'user-1', q.get('exp'), q.get('sig'), 0)).toBeNull();
  });
});
