import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Delete,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Res,
  ServiceUnavailableException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CameraNotLiveError, InvalidOfferError, TooManyViewersError, WhepGateway } from '@argus/adapters/media/webrtc';
import { CameraQueries, type Principal } from '@argus/domain';
import type { Response } from 'express';
import { ApiErrors, ApiUserAuth } from '../common/api-responses';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentPrincipal } from '../common/principal.decorator';

const CameraId = () => Param('id', new IdParamPipe('Camera'));
const SessionId = () => Param('sessionId', new IdParamPipe('Live session'));

/** WHEP (RFC 9725) for the embedded gateway: one POST per viewer, DELETE to leave. */
@ApiTags('live')
@ApiUserAuth()
@Controller('cameras')
export class WhepController {
  constructor(
    private readonly cameras: CameraQueries,
    private readonly gateway: WhepGateway,
  ) {}

  @Post(':id/whep')
  @HttpCode(201)
  @ApiOperation({ summary: 'WHEP: SDP offer in, SDP answer out (201, Location = the session to DELETE)' })
  @ApiConsumes('application/sdp')
  @ApiBody({ schema: { type: 'string' }, description: 'The viewer’s SDP offer' })
  @ApiCreatedResponse({
    description: 'The SDP answer; Location names the session to DELETE when leaving',
    headers: { Location: { description: 'The live session: /api/cameras/{id}/whep/{sessionId}', schema: { type: 'string' } } },
    content: { 'application/sdp': { schema: { type: 'string' } } },
  })
  @ApiErrors({
    400: 'Unusable SDP offer',
    404: 'No such camera, or one the caller may not see',
    409: 'The camera is not streaming yet',
    413: 'Offer larger than 64 kB',
    415: 'The offer must be sent as Content-Type: application/sdp',
    503: 'Too many viewers',
  })
  async offer(
    @CurrentPrincipal() principal: Principal,
    @CameraId() id: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    if (!/^application\/sdp\b/i.test(contentType ?? '') || typeof body !== 'string') {
      throw new UnsupportedMediaTypeException('The offer must be sent as Content-Type: application/sdp');
    }
    await this.cameras.get(principal, id);
    const { session, answerSdp } = await this.open(id, body, principal.userId);
    res.location(`/api/cameras/${id}/whep/${session.sessionId}`);
    res.type('application/sdp');
    return answerSdp;
  }

  @Delete(':id/whep/:sessionId')
  @HttpCode(204)
  @ApiOperation({ summary: 'WHEP: end a live session (its creator or an admin)' })
  @ApiNoContentResponse({ description: 'Ended' })
  @ApiErrors({ 404: 'No such live session on this camera, or one the caller may not end' })
  async close(@CurrentPrincipal() principal: Principal, @CameraId() id: string, @SessionId() sessionId: string): Promise<void> {
    const session = this.gateway.session(sessionId);
    const mayEnd = session && session.cameraId === id && (session.ownerId === principal.userId || principal.role === 'admin');
    if (!mayEnd || !(await this.gateway.closeViewer(sessionId))) throw new NotFoundException('Live session not found');
  }

  private async open(cameraId: string, offer: string, ownerId: string) {
    try {
      return await this.gateway.openViewer(cameraId, offer, ownerId);
    } catch (error) {
      if (error instanceof CameraNotLiveError) throw new ConflictException('The camera is not streaming yet');
      if (error instanceof TooManyViewersError) throw new ServiceUnavailableException(error.message);
      if (error instanceof InvalidOfferError) throw new BadRequestException(`Unusable SDP offer: ${error.message}`);
      throw error;
    }
  }
}
