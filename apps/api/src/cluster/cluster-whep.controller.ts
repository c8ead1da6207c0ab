import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Delete,
  Headers,
  HttpCode,
  HttpException,
  Inject,
  NotFoundException,
  Param,
  Post,
  Res,
  ServiceUnavailableException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CameraNotLiveError, InvalidOfferError, TooManyViewersError, WhepGateway } from '@argus/adapters/media/webrtc';
import { RedisNodeRegistry } from '@argus/adapters/cluster';
import { CameraQueries, RemoteCameraStreams, type Principal } from '@argus/domain';
import type { Response } from 'express';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentPrincipal } from '../common/principal.decorator';
import { CLUSTER_NODE } from './cluster.tokens';
import type { NodeIdentity } from './cluster-node';

const CameraId = () => Param('id', new IdParamPipe('Camera'));
const SessionId = () => Param('sessionId', new IdParamPipe('Live session'));
const FORWARD_TIMEOUT_MS = 10_000;

/**
 * WHEP in a cluster (the same routes and answers as one process, see WhepController): a camera
 * running on this node is served by its own gateway; otherwise the offer (with the caller's
 * token, checked again there) goes to the worker running it, whose answer names its own ICE
 * candidates (PUBLIC_HOST), so the media flows between the browser and that worker.
 */
@ApiExcludeController()
@Controller('cameras')
export class ClusterWhepController {
  constructor(
    private readonly cameras: CameraQueries,
    private readonly gateway: WhepGateway,
    private readonly streams: RemoteCameraStreams,
    private readonly registry: RedisNodeRegistry,
    @Inject(CLUSTER_NODE) private readonly node: NodeIdentity,
  ) {}

  @Post(':id/whep')
  @HttpCode(201)
  async offer(
    @CurrentPrincipal() principal: Principal,
    @CameraId() id: string,
    @Headers('content-type') contentType: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    if (!/^application\/sdp\b/i.test(contentType ?? '') || typeof body !== 'string') {
      throw new UnsupportedMediaTypeException('The offer must be sent as Content-Type: application/sdp');
    }
    await this.cameras.get(principal, id);
    const elsewhere = await this.runningElsewhere(id);
    if (elsewhere) {
      const answer = await this.forward(elsewhere, 'POST', `/api/cameras/${encodeURIComponent(id)}/whep`, authorization, body);
      const location = answer.headers.get('location');
      if (location) res.location(location);
      res.type('application/sdp');
      return answer.text();
    }
    const { session, answerSdp } = await this.open(id, body, principal.userId);
    res.location(`/api/cameras/${id}/whep/${session.sessionId}`);
    res.type('application/sdp');
    return answerSdp;
  }

  @Delete(':id/whep/:sessionId')
  @HttpCode(204)
  async close(
    @CurrentPrincipal() principal: Principal,
    @CameraId() id: string,
    @SessionId() sessionId: string,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<void> {
    const session = this.gateway.session(sessionId);
    if (!session) {
      const elsewhere = await this.runningElsewhere(id);
      if (elsewhere) {
        await this.forward(elsewhere, 'DELETE', `/api/cameras/${encodeURIComponent(id)}/whep/${encodeURIComponent(sessionId)}`, authorization);
        return;
      }
    }
    const mayEnd = session && session.cameraId === id && (session.ownerId === principal.userId || principal.role === 'admin');
    if (!mayEnd || !(await this.gateway.closeViewer(sessionId))) throw new NotFoundException('Live session not found');
  }

  /** The address of the node running the camera, when that is another node. */
  private async runningElsewhere(cameraId: string): Promise<string | null> {
    const owner = await this.streams.locate(cameraId);
    if (!owner || owner === this.node.id) return null;
    const node = (await this.registry.list().catch(() => [])).find((n) => n.id === owner);
    if (!node) throw new ConflictException('The camera is not streaming yet: its worker cannot be reached');
    return node.url;
  }

  /** The worker's answer when it is a success; its error answer, as it gave it, otherwise. */
  private async forward(baseUrl: string, method: 'POST' | 'DELETE', path: string, authorization: string | undefined, body?: string): Promise<globalThis.Response> {
    let answer: globalThis.Response;
    try {
      answer = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { ...(authorization ? { authorization } : {}), ...(body !== undefined ? { 'content-type': 'application/sdp' } : {}) },
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ServiceUnavailableException(`The worker running the camera did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (answer.ok) return answer;
    const text = await answer.text();
    let payload: string | Record<string, unknown> = text;
    try {
      payload = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON: passed on as the message
    }
    throw new HttpException(payload, answer.status);
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
