import { RtspProtocolError, interleavedFrame } from '@argus/adapters/media/rtsp';
import { RtspRequestReader, formatResponse } from './rtsp-request';

const request = (lines: string[], body = '') => Buffer.from(lines.join('\r\n') + '\r\n\r\n' + body, 'latin1');

describe('RtspRequestReader', () => {
  it('reads requests with headers and a body, whatever the chunking', () => {
    const bytes = Buffer.concat([
      request(['OPTIONS rtsp://h/cam RTSP/1.0', 'CSeq: 1']),
      request(['SET_PARAMETER rtsp://h/cam RTSP/1.0', 'CSeq: 2', 'Content-Length: 5', 'session: ABC'], 'hello'),
    ]);
    for (const size of [1, 7, bytes.length]) {
      const reader = new RtspRequestReader();
      const messages = [];
      for (let i = 0; i < bytes.length; i += size) messages.push(...reader.push(bytes.subarray(i, i + size)));
      expect(messages).toEqual([
        { kind: 'request', request: { method: 'OPTIONS', url: 'rtsp://h/cam', headers: { cseq: '1' }, body: Buffer.alloc(0) } },
        {
          kind: 'request',
          request: { method: 'SET_PARAMETER', url: 'rtsp://h/cam', headers: { cseq: '2', 'content-length': '5', session: 'ABC' }, body: Buffer.from('hello') },
        },
      ]);
    }
  });

  it('separates interleaved RTCP frames from requests', () => {
    const reader = new RtspRequestReader();
    const rtcp = interleavedFrame(1, Uint8Array.of(0x80, 201, 0, 1, 9, 9, 9, 9));
    const messages = reader.push(Buffer.concat([rtcp, Buffer.from('\r\n'), request(['GET_PARAMETER rtsp://h/cam RTSP/1.0', 'CSeq: 3'])]));
    expect(messages.map((m) => m.kind)).toEqual(['interleaved', 'request']);
    expect(messages[0]).toMatchObject({ channel: 1, data: Buffer.from(rtcp.subarray(4)) });
  });

  it('accepts bare LF line ends', () => {
    const [message] = new RtspRequestReader().push(Buffer.from('OPTIONS * RTSP/1.0\nCSeq: 9\n\n'));
    expect(message).toMatchObject({ kind: 'request', request: { method: 'OPTIONS', url: '*', headers: { cseq: '9' } } });
  });

  it('rejects what is not RTSP: HTTP, a huge head, a bad Content-Length', () => {
    expect(() => new RtspRequestReader().push(request(['GET / HTTP/1.1']))).toThrow(RtspProtocolError);
    expect(() => new RtspRequestReader().push(Buffer.alloc(20_000, 0x41))).toThrow('too large');
    expect(() => new RtspRequestReader().push(request(['DESCRIBE rtsp://h/cam RTSP/1.0', 'Content-Length: -1']))).toThrow('Content-Length');
  });
});

describe('formatResponse', () => {
  it('writes a response echoing CSeq, repeating multi-valued headers, with Content-Length', () => {
    const text = formatResponse({ status: 401, headers: { 'WWW-Authenticate': ['Digest a', 'Basic b'] }, body: 'x' }, '4').toString();
    expect(text).toMatch(/^RTSP\/1\.0 401 Unauthorized\r\nCSeq: 4\r\n/);
    expect(text).toContain('WWW-Authenticate: Digest a\r\nWWW-Authenticate: Basic b\r\n');
    expect(text.endsWith('Content-Length: 1\r\n\r\nx')).toBe(true);
  });

});
