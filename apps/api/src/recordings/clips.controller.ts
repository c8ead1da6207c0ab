import { Controller, Get, Inject, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { isMediaKey, type CameraRepository, type MediaStore, type UserRepository } from '@argus/domain';
import { SnapshotLinks } from '@argus/adapters';
import type { Request, Response } from 'express';
import { Public } from '../auth/public.decorator';
import { ApiErrors } from '../common/api-responses';
import { linkUserMayViewCamera } from '../common/camera-link-access';
import { ErrorView } from '../common/error.view';
import { MEDIA_STORE } from '../media-store/media-store.token';
import { CAMERA_REPOSITORY, USER_REPOSITORY } from '../persistence/tokens';
import { mp4Response } from './recordings.view';
import { sendVideo } from './video-response';

const NOT_FOUND = 'No such clip, an invalid or expired link, or a user who may no longer see the camera';

/**
 * Alert clips for `<video>`, through the signed link in `Alert.clipUrl`: signed for one user and
 * expiring, and that user must still see the camera. Anything else is a plain 404.
 */
@ApiTags('alerts')
@Controller('clips')
export class ClipsController {
  constructor(
    private readonly links: SnapshotLinks,
    @Inject(MEDIA_STORE) private readonly media: MediaStore,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(CAMERA_REPOSITORY) private readonly cameras: CameraRepository,
  ) {}

  @Public()
  @Get(':cameraId/:file')
  @ApiOperation({ summary: 'An alert’s MP4 clip, through the signed link in `Alert.clipUrl` (`Range` gives 206)' })
  @ApiOkResponse(mp4Response('The clip (206 with the range asked for when the request has `Range`)'))
  @ApiResponse({ status: 416, type: ErrorView, description: 'The range starts past the end of the clip' })
  @ApiErrors({ 404: NOT_FOUND, 503: 'The media store (S3) does not answer and the clip is not in the local spool' })
  async get(
    @Param('cameraId') cameraId: string,
    @Param('file') file: string,
    @Query('u') userId: unknown,
    @Query('exp') exp: unknown,
    @Query('sig') sig: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const key = `clips/${cameraId}/${file}`;
    const claims = isMediaKey(key) && file.endsWith('.mp4') ? this.links.verify(key, userId, exp, sig) : null;
    if (!claims || !(await this.mayView(claims.userId, cameraId))) throw notFound();
    const info = await this.media.head(key);
    if (!info) throw notFound();
    await sendVideo(req, res, {
      size: info.size,
      contentType: 'video/mp4',
      etag: `"${info.size.toString(36)}-${Math.round(info.lastModified).toString(36)}"`,
      lastModified: new Date(info.lastModified),
      read: (start, end) => this.read(key, start, end),
    });
  }

  private async *read(key: string, start: number, end: number): AsyncGenerator<Uint8Array> {
    const content = await this.media.get(key, { start, end });
    if (!content) throw notFound();
    yield* content.body;
  }

  private mayView(userId: string, cameraId: string): Promise<boolean> {
    return linkUserMayViewCamera({ users: this.users, cameras: this.cameras }, userId, cameraId);
  }
}

const notFound = () => new NotFoundException('Clip not found');
