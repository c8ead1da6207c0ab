import { MASKED_PASSWORD, joinRtspUrl, splitRtspUrl } from './rtsp-credentials';

describe('RTSP credentials', () => {
  it('takes user and password out of an address', () => {
    expect(splitRtspUrl('rtsp://cam%40home:p%3Ass@10.0.0.5:554/live?x=1')).toEqual({
      address: 'rtsp://10.0.0.5:554/live?x=1',
      username: 'cam@home',
      password: 'p:ss',
      rawUsername: 'cam%40home',
    });
  });

  it('reads a raw @ in the password like the API does (the last @ ends the user info)', () => {
    expect(splitRtspUrl('rtsps://u:a@b@host/p')).toMatchObject({ address: 'rtsps://host/p', username: 'u', password: 'a@b' });
  });

  it('recognises the masked password of an API answer', () => {
    expect(splitRtspUrl('rtsp://admin:***@cam/stream').password).toBe(MASKED_PASSWORD);
  });

  it('leaves an address without credentials alone', () => {
    expect(splitRtspUrl('rtsp://cam/stream')).toEqual({ address: 'rtsp://cam/stream', username: '', password: '', rawUsername: '' });
  });

  it('puts credentials back, encoded, and keeps the mask and an unchanged raw user name as they were', () => {
    expect(joinRtspUrl('rtsp://cam/s', 'a b', 'p@ss/1')).toBe('rtsp://a%20b:p%40ss%2F1@cam/s');
    expect(joinRtspUrl('rtsp://cam/s', 'admin', MASKED_PASSWORD)).toBe('rtsp://admin:***@cam/s');
    expect(joinRtspUrl('rtsp://cam/s', 'cam@home', MASKED_PASSWORD, 'cam@home')).toBe('rtsp://cam@home:***@cam/s');
    expect(joinRtspUrl('rtsp://cam/s', 'viewer', '')).toBe('rtsp://viewer@cam/s');
    expect(joinRtspUrl('rtsp://cam/s', '', '')).toBe('rtsp://cam/s');
  });
});
