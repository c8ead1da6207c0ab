import { parseIceServers, parseUdpPortRange } from './ice-config';

describe('parseIceServers', () => {
  it('is empty when unset', () => {
    expect(parseIceServers(undefined)).toEqual([]);
    expect(parseIceServers('  ')).toEqual([]);
  });

  it('accepts STUN and TURN servers with credentials', () => {
    const raw = '[{"urls":"stun:stun.example.org:3478"},{"urls":["turn:t.example.org:3478?transport=udp","turns:t.example.org:5349"],"username":"u","credential":"p"}]';
    expect(parseIceServers(raw)).toEqual([
      { urls: 'stun:stun.example.org:3478' },
      { urls: ['turn:t.example.org:3478?transport=udp', 'turns:t.example.org:5349'], username: 'u', credential: 'p' },
    ]);
  });

  it.each([
    ['not json', 'JSON array'],
    ['{"urls":"stun:x"}', 'JSON array'],
    ['[{"urls":"http://x"}]', 'stun:, stuns:, turn: or turns:'],
    ['[{"urls":[]}]', 'stun:, stuns:, turn: or turns:'],
    ['[{"urls":"turn:x"}]', 'TURN servers need username and credential'],
    ['[{"urls":"stun:x","extra":1}]', 'unknown fields: extra'],
    ['[{"urls":"stun:x","username":1}]', 'username must be a string'],
  ])('rejects %s', (raw, message) => {
    expect(() => parseIceServers(raw)).toThrow(message);
  });
});

describe('parseUdpPortRange', () => {
  it('reads FIRST-LAST', () => {
    expect(parseUdpPortRange('40000-40100')).toEqual([40000, 40100]);
    expect(parseUdpPortRange(' 50000 - 50010 ')).toEqual([50000, 50010]);
    expect(parseUdpPortRange(undefined)).toBeUndefined();
  });

  it.each(['40000', '40100-40000', '40000-40000', '80-90', '40000-70000', 'a-b'])('rejects %s', (raw) => {
    expect(() => parseUdpPortRange(raw)).toThrow('WEBRTC_UDP_PORTS');
  });
});
