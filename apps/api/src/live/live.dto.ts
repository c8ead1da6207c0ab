import { ApiProperty } from '@nestjs/swagger';
import type { IceServer } from '@argus/adapters/media/webrtc/ice-config';

export class IceServerDto implements IceServer {
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], example: 'stun:stun.example.org:3478' })
  urls!: string | string[];

  @ApiProperty({ required: false })
  username?: string;

  @ApiProperty({ required: false })
  credential?: string;
}

export class LiveViewDto {
  @ApiProperty({
    description: 'WHEP endpoint: POST an SDP offer (Content-Type application/sdp, Authorization: Bearer <user token>). ' +
      'Relative to the API origin for the embedded gateway, absolute for MediaMTX.',
    example: '/api/cameras/6f1c…/whep',
  })
  whepUrl!: string;

  @ApiProperty({ type: [IceServerDto], description: 'STUN/TURN servers for the viewer’s RTCPeerConnection (ICE_SERVERS)' })
  iceServers!: IceServerDto[];
}
