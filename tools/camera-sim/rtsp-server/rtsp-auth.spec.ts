import { parseDigestParams } from './rtsp-auth';

describe('parseDigestParams', () => {
  it('reads quoted and bare values', () => {
    expect(parseDigestParams('username="a b", realm="r", nonce="n", uri="rtsp://h/x", response="f00", algorithm=MD5, nc=00000001')).toEqual({
      username: 'a b',
      realm: 'r',
      nonce: 'n',
      uri: 'rtsp://h/x',
      response: 'f00',
      algorithm: 'MD5',
      nc: '00000001',
    });
  });
});
