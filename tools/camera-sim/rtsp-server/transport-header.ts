/** The delivery a client asked for in SETUP's Transport header. */
export type RequestedTransport =
  | { kind: 'tcp'; rtpChannel: number; rtcpChannel: number }
  | { kind: 'udp'; rtpPort: number; rtcpPort: number };

function parseRange(value: string | undefined): [number, number] | null {
  const match = /^(\d+)(?:-(\d+))?$/.exec(value ?? '');
  if (!match) return null;
  const first = Number(match[1]);
  return [first, match[2] === undefined ? first + 1 : Number(match[2])];
}

function parseSpec(spec: string): RequestedTransport | null {
  const [protocol, ...params] = spec.split(';').map((part) => part.trim());
  const values = new Map(params.map((param) => [param.split('=')[0].toLowerCase(), param.split('=')[1]] as const));
  if (values.has('multicast')) return null;
  const upper = protocol.toUpperCase();
  if (upper === 'RTP/AVP/TCP') {
    // Channels are optional: the server then picks them (0-1 for a single track).
    const channels = values.has('interleaved') ? parseRange(values.get('interleaved')) : [0, 1];
    if (!channels || channels[0] > 255 || channels[1] > 255) return null;
    return { kind: 'tcp', rtpChannel: channels[0], rtcpChannel: channels[1] };
  }
  if (upper === 'RTP/AVP' || upper === 'RTP/AVP/UDP') {
    const ports = parseRange(values.get('client_port'));
    if (!ports || ports[0] < 1 || ports[1] > 65535) return null;
    return { kind: 'udp', rtpPort: ports[0], rtcpPort: ports[1] };
  }
  return null;
}

/** The first alternative of a Transport header this server supports (unicast RTP over TCP or UDP). */
export function parseTransportHeader(header: string | undefined): RequestedTransport | null {
  for (const spec of (header ?? '').split(',')) {
    const transport = parseSpec(spec);
    if (transport) return transport;
  }
  return null;
}
