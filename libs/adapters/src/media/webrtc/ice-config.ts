/** An RTCIceServer as browsers and werift take it. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

const ICE_URL = /^(stun|stuns|turn|turns):[^\s]+$/;

/**
 * `ICE_SERVERS`: a JSON array of RTCIceServer, e.g.
 * `[{"urls":"stun:stun.example.org:3478"},{"urls":["turn:turn.example.org:3478?transport=udp"],"username":"u","credential":"p"}]`.
 * Checked at start-up so a typo fails loudly instead of leaving viewers behind NAT without video.
 */
export function parseIceServers(raw: string | undefined): IceServer[] {
  if (raw === undefined || raw.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('ICE_SERVERS must be a JSON array of RTCIceServer objects');
  }
  if (!Array.isArray(parsed)) throw new Error('ICE_SERVERS must be a JSON array of RTCIceServer objects');
  return parsed.map((entry, i) => iceServer(entry, i));
}

function iceServer(entry: unknown, i: number): IceServer {
  const where = `ICE_SERVERS[${i}]`;
  if (typeof entry !== 'object' || entry === null) throw new Error(`${where} must be an object`);
  const { urls, username, credential, ...rest } = entry as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw new Error(`${where} has unknown fields: ${Object.keys(rest).join(', ')}`);
  const list = typeof urls === 'string' ? [urls] : urls;
  if (!Array.isArray(list) || list.length === 0 || !list.every((u) => typeof u === 'string' && ICE_URL.test(u))) {
    throw new Error(`${where}.urls must be stun:, stuns:, turn: or turns: URLs`);
  }
  if (username !== undefined && typeof username !== 'string') throw new Error(`${where}.username must be a string`);
  if (credential !== undefined && typeof credential !== 'string') throw new Error(`${where}.credential must be a string`);
  const isTurn = (list as string[]).some((u) => u.startsWith('turn'));
  if (isTurn && (username === undefined || credential === undefined)) {
    throw new Error(`${where}: TURN servers need username and credential`);
  }
  return {
    urls: urls as string | string[],
    ...(username !== undefined ? { username } : {}),
    ...(credential !== undefined ? { credential } : {}),
  };
}

/** `WEBRTC_UDP_PORTS`, e.g. `40000-40100`: the UDP ports werift binds for ICE (to open in a firewall). */
export function parseUdpPortRange(raw: string | undefined): [number, number] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const m = /^\s*(\d{1,5})\s*-\s*(\d{1,5})\s*$/.exec(raw);
  const [min, max] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  // werift needs two different ports (its own rule) and each viewer takes one per candidate.
  if (!m || min < 1024 || max > 65535 || min >= max) {
    throw new Error(`WEBRTC_UDP_PORTS must look like 40000-40100 (1024–65535, first < last); got "${raw}"`);
  }
  return [min, max];
}
