import { InMemoryCameras } from '../testing/fakes';
import { aCamera, anAdmin, anOperator } from '../testing/builders';
import type { RecordingVideo } from './recording-ports';
import { RecordingQueries } from './recording-queries';

describe('RecordingQueries', () => {
  const video: RecordingVideo = { start: new Date(0), end: new Date(1), size: 1, contentType: 'video/mp4', etag: '"x"', read: async function* () {
    yield new Uint8Array(1);
  } };
  async function world() {
    const cameras = new InMemoryCameras();
    const owner = anOperator();
    await cameras.create(aCamera({ id: 'cam-1' }));
    const asked: unknown[] = [];
    const queries = new RecordingQueries({
      cameras,
      segments: {
        spans: async (...args) => {
          asked.push(args);
          return [];
        },
        video: async (_id, from) => (from.getTime() === 0 ? null : video),
      },
    });
    return { queries, owner, asked };
  }

  it('lists spans for those who see the camera, with optional bounds', async () => {
    const { queries, owner, asked } = await world();
    await queries.spans(owner, 'cam-1', {});
    await queries.spans(anAdmin(), 'cam-1', { from: '2025-01-01T00:00:00Z', to: '2025-01-02T00:00:00Z' });
    expect(asked).toEqual([
      ['cam-1', undefined, undefined],
      ['cam-1', new Date('2025-01-01T00:00:00Z'), new Date('2025-01-02T00:00:00Z')],
    ]);
    await expect(queries.spans(anOperator('u-stranger'), 'cam-1', {})).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('refuses bad dates, from after to, and a video over an hour or without bounds', async () => {
    const { queries, owner } = await world();
    await expect(queries.spans(owner, 'cam-1', { from: 'yesterday' })).rejects.toMatchObject({ kind: 'validation', message: expect.stringMatching(/from must be an ISO 8601 date/) });
    await expect(queries.spans(owner, 'cam-1', { from: '2025-01-02T00:00:00Z', to: '2025-01-01T00:00:00Z' })).rejects.toMatchObject({ kind: 'validation', message: 'from must not be after to' });
    await expect(queries.video(owner, 'cam-1', { from: '2025-01-01T00:00:00Z' })).rejects.toMatchObject({ kind: 'validation', message: expect.stringMatching(/to is required/) });
    await expect(queries.video(owner, 'cam-1', { from: '2025-01-01T00:00:00Z', to: '2025-01-01T01:00:01Z' })).rejects.toMatchObject({ kind: 'validation', message: 'from and to may be at most 60 minutes apart' });
    await expect(queries.video(owner, 'cam-1', { from: '2025-02-30T00:00:00Z', to: '2025-03-01T00:00:00Z' })).rejects.toMatchObject({ kind: 'validation' });
  });

  it('answers the video, or not found when nothing is recorded there or the camera is not theirs', async () => {
    const { queries, owner } = await world();
    await expect(queries.video(owner, 'cam-1', { from: '1', to: '1000' })).resolves.toBe(video);
    await expect(queries.video(owner, 'cam-1', { from: '0', to: '1000' })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(queries.video(anOperator('u-stranger'), 'cam-1', { from: '1', to: '1000' })).rejects.toMatchObject({ kind: 'not_found' });
  });
});
