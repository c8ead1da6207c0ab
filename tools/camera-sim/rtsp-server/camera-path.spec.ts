import { CameraPath, resolvePath } from './camera-path';
import type { Clip } from './clip';

describe('resolvePath', () => {
  const clip = {} as Clip;
  const paths = new Map([
    ['faces', new CameraPath('faces', clip)],
    ['site/door', new CameraPath('site/door', clip)],
  ]);

  it('finds a path from its aggregate or track URL, with or without a trailing slash or query', () => {
    expect(resolvePath('rtsp://h:1/faces', paths)).toMatchObject({ path: { name: 'faces' }, track: false });
    expect(resolvePath('rtsp://u:p@h:1/faces/', paths)).toMatchObject({ path: { name: 'faces' }, track: false });
    expect(resolvePath('rtsp://h:1/faces/trackID=0', paths)).toMatchObject({ path: { name: 'faces' }, track: true });
    expect(resolvePath('rtsp://h:1/site/door?channel=1', paths)).toMatchObject({ path: { name: 'site/door' } });
  });

  it('returns null for unknown paths, other tracks and non-URLs', () => {
    expect(resolvePath('rtsp://h:1/nope', paths)).toBeNull();
    expect(resolvePath('rtsp://h:1/faces/trackID=1', paths)).toBeNull();
    expect(resolvePath('*', paths)).toBeNull();
    expect(resolvePath('rtsp://h:1/%E0%A4%A', paths)).toBeNull();
  });
});
