import { Controller, Get, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CameraRepository, type SnapshotStore, type UserRepository } from '@argus/domain';
import { SnapshotLinks, isSnapshotKey, snapshotCameraId } from '@argus/adapters';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { ApiErrors } from '../common/api-responses';
import { linkUserMayViewCamera } from '../common/camera-link-access';
import { jpegResponse, sendJpeg } from '../common/jpeg-response';
import { CAMERA_REPOSITORY, USER_REPOSITORY } from '../persistence/tokens';
import { SNAPSHOT_STORE } from './snapshot-store.token';

/**
 * Alert snapshots for `<img>`: the link is signed for one user and expires, and that user must
 * still be allowed to see the camera. Anything else is a plain 404.
 */
@ApiTags('alerts')
@Controller('snapshots')
export class SnapshotsController {
  constructor(
    private readonly links: SnapshotLinks,
    @Inject(SNAPSHOT_STORE) private readonly store: SnapshotStore,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    @Inject(CAMERA_REPOSITORY) private readonly cameras: CameraRepository,
  ) {}

  @Public()
  @Get(':cameraId/:day/:file')
  @ApiOperation({ summary: 'A snapshot JPEG, through the signed link found in an alert' })
  @ApiOkResponse(jpegResponse('The JPEG'))
  @ApiErrors({
    404: 'No such snapshot, an invalid or expired link, or a user who may no longer see the camera',
    503: 'The media store (S3) does not answer and the snapshot is not in the local spool',
  })
  async get(
    @Param('cameraId') cameraId: string,
    @Param('day') day: string,
    @Param('file') file: string,
    @Query('u') userId: unknown,
    @Query('exp') exp: unknown,
    @Query('sig') sig: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const key = `${cameraId}/${day}/${file}`;
    const claims = isSnapshotKey(key) ? this.links.verify(key, userId, exp, sig) : null;
    if (!claims || !(await this.mayView(claims.userId, snapshotCameraId(key) as string))) throw notFound();
    const jpeg = await this.store.read(key);
    if (!jpeg) throw notFound();
    sendJpeg(res, jpeg);
  }

  private mayView(userId: string, cameraId: string): Promise<boolean> {
    return linkUserMayViewCamera({ users: this.users, cameras: this.cameras }, userId, cameraId);
  }
}

const notFound = () => new NotFoundException('Snapshot not found');
