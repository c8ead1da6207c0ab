import { Controller, Get, Headers, Inject, Param, Query, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RecordingQueries, toPrincipal, type Principal, type UserRepository } from '@argus/domain';
import type { Request, Response } from 'express';
import { Public } from '../auth/public.decorator';
import { TokenService } from '../auth/token.service';
import { ApiErrors, ApiUserAuth } from '../common/api-responses';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentPrincipal } from '../common/principal.decorator';
import { ErrorView } from '../common/error.view';
import { USER_REPOSITORY } from '../persistence/tokens';
import { SpanQueryDto, VideoQueryDto } from './recordings.dto';
import { RecordedSpansView, mp4Response } from './recordings.view';
import { sendVideo } from './video-response';

const CameraId = () => Param('id', new IdParamPipe('Camera'));
const NOT_VISIBLE = 'No such camera, or one the caller may not see';

/** A camera's continuous recordings: when it recorded, and the video of up to an hour of it. */
@ApiTags('recordings')
@Controller('cameras')
export class RecordingsController {
  constructor(
    private readonly queries: RecordingQueries,
    private readonly tokens: TokenService,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
  ) {}

  @Get(':id/recordings')
  @ApiUserAuth()
  @ApiOperation({ summary: 'Recorded spans of the camera that overlap from–to (both optional), oldest first' })
  @ApiOkResponse({ type: RecordedSpansView, description: 'The spans, oldest first (empty when nothing is recorded there)' })
  @ApiErrors({ 400: 'A bad date, from after to, or an unknown query parameter', 404: NOT_VISIBLE })
  async spans(@CurrentPrincipal() principal: Principal, @CameraId() id: string, @Query() query: SpanQueryDto): Promise<RecordedSpansView> {
    const spans = await this.queries.spans(principal, id, query);
    return { items: spans.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), bytes: s.bytes })) };
  }

  @Public()
  @Get(':id/recordings/video')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The recorded video from–to as one MP4 a browser plays (cut at the keyframe at or before from; at most an hour)',
    description: 'Send the token as `Authorization: Bearer …`, or as `?token=` where a `<video src>` cannot send headers. `Range` gives 206.',
  })
  @ApiOkResponse(mp4Response('The MP4 (206 with the range asked for when the request has `Range`)'))
  @ApiResponse({ status: 416, type: ErrorView, description: 'The range starts past the end of the video' })
  @ApiErrors({ 400: 'A bad or missing date, from after to, more than an hour, or an unknown query parameter', 401: true, 404: `${NOT_VISIBLE}, or nothing recorded between from and to` })
  async video(
    @CameraId() id: string,
    @Query() query: VideoQueryDto,
    @Headers('authorization') authorization: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const principal = await this.principalOf(authorization, query.token);
    const video = await this.queries.video(principal, id, { from: query.from, to: query.to });
    const name = `${id}-${video.start.toISOString().replace(/[:.]/g, '-')}.mp4`;
    await sendVideo(req, res, video, name);
  }

  /** The user of a bearer token from the header or `?token=`, as the guard would find it. */
  private async principalOf(authorization: string | undefined, queryToken: string | undefined): Promise<Principal> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const token = bearer ?? queryToken;
    const userId = token ? this.tokens.verify(token) : null;
    const user = userId ? await this.users.findById(userId) : null;
    if (!user) throw new UnauthorizedException('A valid bearer token is required (the Authorization header or ?token=)');
    return toPrincipal(user);
  }
}
