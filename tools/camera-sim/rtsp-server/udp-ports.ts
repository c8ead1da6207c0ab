import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';

/** Called for each datagram a client sends to the server's RTP or RTCP port (RTCP receiver reports). */
export type DatagramListener = (address: string, port: number) => void;

function bind(socket: Socket, port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const onError = () => resolve(false);
    socket.once('error', onError);
    socket.bind(port, host, () => {
      socket.off('error', onError);
      resolve(true);
    });
  });
}

function closeQuietly(socket: Socket): void {
  try {
    socket.close();
  } catch {
    // never bound, or already closed
  }
}

/**
 * The server's RTP/RTCP port pair for UDP delivery (an even port and the next one, as RFC 3550 asks),
 * shared by all UDP sessions: packets are addressed per session to the client's ports.
 */
export class UdpPorts {
  private constructor(
    private readonly rtp: Socket,
    private readonly rtcp: Socket,
  ) {}

  static async open(host: string, onDatagram: DatagramListener): Promise<UdpPorts> {
    const type = isIPv6(host) ? 'udp6' : 'udp4';
    for (let attempt = 0; attempt < 50; attempt++) {
      const rtp = createSocket(type);
      const rtcp = createSocket(type);
      const rtpBound = await bind(rtp, 0, host);
      const port = rtpBound ? rtp.address().port : 1;
      if (port % 2 === 0 && (await bind(rtcp, port + 1, host))) {
        for (const socket of [rtp, rtcp]) {
          socket.on('message', (_data, remote) => onDatagram(remote.address, remote.port));
          socket.on('error', () => undefined); // e.g. ICMP port unreachable from a client that left
        }
        return new UdpPorts(rtp, rtcp);
      }
      closeQuietly(rtp);
      closeQuietly(rtcp);
    }
    throw new Error('no free even/odd UDP port pair for RTP/RTCP');
  }

  get rtpPort(): number {
    return this.rtp.address().port;
  }

  get rtcpPort(): number {
    return this.rtcp.address().port;
  }

  sendRtp(packet: Uint8Array, port: number, address: string): void {
    this.rtp.send(packet, port, address, () => undefined);
  }

  sendRtcp(packet: Uint8Array, port: number, address: string): void {
    this.rtcp.send(packet, port, address, () => undefined);
  }

  close(): void {
    closeQuietly(this.rtp);
    closeQuietly(this.rtcp);
  }
}
