import { parseTransportHeader } from './transport-header';

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
