import { CameraPath, resolvePath } from './camera-path';
import type { Clip } from './clip';
import { RtspProtocolError, RtspRequestReader, formatResponse, interleavedFrame } from './rtsp-message';
import { parseTransportHeader } from './transport-header';

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
  it('echoes CSeq, repeats multi-valued headers and sets Content-Length', () => {
    const text = formatResponse({ status: 401, headers: { 'WWW-Authenticate': ['Digest a', 'Basic b'] }, body: 'x' }, '4').toString();
    expect(text).toMatch(/^RTSP\/1\.0 401 Unauthorized\r\nCSeq: 4\r\n/);
    expect(text).toContain('WWW-Authenticate: Digest a\r\nWWW-Authenticate: Basic b\r\n');
    expect(text.endsWith('Content-Length: 1\r\n\r\nx')).toBe(true);
  });
});

describe('parseTransportHeader', () => {
  it.each([
    ['RTP/AVP/TCP;unicast;interleaved=0-1', { kind: 'tcp', rtpChannel: 0, rtcpChannel: 1 }],
    ['RTP/AVP/TCP;unicast;interleaved=4', { kind: 'tcp', rtpChannel: 4, rtcpChannel: 5 }],
    ['RTP/AVP/TCP;unicast', { kind: 'tcp', rtpChannel: 0, rtcpChannel: 1 }],
    ['RTP/AVP;unicast;client_port=5000-5001', { kind: 'udp', rtpPort: 5000, rtcpPort: 5001 }],
    ['RTP/AVP/UDP;unicast;client_port=6970-6971;mode=play', { kind: 'udp', rtpPort: 6970, rtcpPort: 6971 }],
    ['RTP/AVP;multicast;port=5000-5001,RTP/AVP/TCP;unicast;interleaved=2-3', { kind: 'tcp', rtpChannel: 2, rtcpChannel: 3 }],
  ])('%s', (header, expected) => {
    expect(parseTransportHeader(header)).toEqual(expected);
  });

  it.each([undefined, '', 'RTP/AVP;multicast', 'RTP/AVP;unicast', 'RTP/AVP/TCP;interleaved=300-301', 'RAW/RAW/UDP;unicast;client_port=1-2'])(
    'refuses %p',
    (header) => {
      expect(parseTransportHeader(header)).toBeNull();
    },
  );
});

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
