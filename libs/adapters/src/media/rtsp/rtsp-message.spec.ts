import { RtspResponseReader, interleavedFrame, serializeRequest } from './rtsp-message';

describe('RtspResponseReader', () => {
  it('reads responses split across chunks, with bodies, skipping interleaved frames', () => {
    const reader = new RtspResponseReader();
    const rtcp = interleavedFrame(1, Buffer.from([0x81, 0xc9, 0, 1, 0, 0, 0, 1]));
    const wire = Buffer.concat([
      Buffer.from('RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: ANNOUNCE, RECORD\r\n\r\n'),
      rtcp,
      Buffer.from('RTSP/1.0 404 Not Found\r\nCSeq: 2\r\nContent-Length: 4\r\n\r\nnope'),
    ]);
    const responses = [...wire].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(responses.map((r) => [r.status, r.reason, r.headers['cseq'], r.body.toString()])).toEqual([
      [200, 'OK', '1', ''],
      [404, 'Not Found', '2', 'nope'],
    ]);
    expect(responses[0].headers['public']).toBe('ANNOUNCE, RECORD');
  });

  it('refuses bytes that are not RTSP', () => {
    expect(() => new RtspResponseReader().push(Buffer.from('HTTP/1.1 200 OK\r\n\r\n'))).toThrow('not an RTSP response');
  });
});

describe('serializing', () => {
  it('writes a request with CSeq, headers and a body length', () => {
    const text = serializeRequest({ method: 'ANNOUNCE', url: 'rtsp://h/cam', headers: { 'Content-Type': 'application/sdp' }, body: 'v=0\r\n' }, 2).toString();
    expect(text).toBe('ANNOUNCE rtsp://h/cam RTSP/1.0\r\nCSeq: 2\r\nUser-Agent: Argus\r\nContent-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=0\r\n');
  });

  it('frames interleaved packets with $, channel and length', () => {
    expect([...interleavedFrame(1, Uint8Array.of(9, 8, 7))]).toEqual([0x24, 1, 0, 3, 9, 8, 7]);
  });
});
