import { Controller, Get, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { canManagePeople, toPrincipal, type FaceImageStore, type UserRepository } from '@argus/domain';
import { FaceImageLinks, isFaceImageKey } from '@argus/adapters';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { ApiErrors } from '../common/api-responses';
import { jpegResponse, sendJpeg } from '../common/jpeg-response';
import { USER_REPOSITORY } from '../persistence/tokens';
import { FACE_IMAGE_STORE } from './people.tokens';

const NOT_FOUND = 'No such crop, an invalid or expired link, or a user who may no longer manage people';
const JPEG = jpegResponse('The face crop (JPEG)');
const UNAVAILABLE = 'The media store (S3) does not answer and the crop is not in the local spool';

/**
 * Face crops for `<img>`, through the links in faces and unknown groups: signed for one user and
 * expiring, and that user must still be one who manages people. Anything else is a plain 404.
 */
@ApiTags('people')
@Controller('media')
export class FaceImagesController {
  constructor(
    private readonly links: FaceImageLinks,
    @Inject(FACE_IMAGE_STORE) private readonly store: FaceImageStore,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
  ) {}

  @Public()
  @Get('faces/:personId/:file')
  @ApiOperation({ summary: 'An enrolled face’s crop, through the signed link in `Face.imageUrl`' })
  @ApiOkResponse(JPEG)
  @ApiErrors({ 404: NOT_FOUND, 503: UNAVAILABLE })
  async face(
    @Param('personId') owner: string,
    @Param('file') file: string,
    @Query('u') userId: unknown,
    @Query('exp') exp: unknown,
    @Query('sig') sig: unknown,
    @Res() res: Response,
  ): Promise<void> {
    await this.send(`faces/${owner}/${file}`, { userId, exp, sig }, res);
  }

  @Public()
  @Get('unknowns/:groupId/:file')
  @ApiOperation({ summary: 'A stranger’s face crop, through a signed link in `UnknownGroup.sampleUrls`' })
  @ApiOkResponse(JPEG)
  @ApiErrors({ 404: NOT_FOUND, 503: UNAVAILABLE })
  async unknown(
    @Param('groupId') owner: string,
    @Param('file') file: string,
    @Query('u') userId: unknown,
    @Query('exp') exp: unknown,
    @Query('sig') sig: unknown,
    @Res() res: Response,
  ): Promise<void> {
    await this.send(`unknowns/${owner}/${file}`, { userId, exp, sig }, res);
  }

  private async send(key: string, link: { userId: unknown; exp: unknown; sig: unknown }, res: Response): Promise<void> {
    const claims = isFaceImageKey(key) ? this.links.verify(key, link.userId, link.exp, link.sig) : null;
    const user = claims ? await this.users.findById(claims.userId) : null;
    if (!user || !canManagePeople(toPrincipal(user))) throw notFound();
    const jpeg = await this.store.read(key);
    if (!jpeg) throw notFound();
    sendJpeg(res, jpeg);
  }
}

const notFound = () => new NotFoundException('Face image not found');
