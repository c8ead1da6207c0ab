import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ManagePeople, PersonFaces, requirePeopleManager, toFaceView, type Face, type Principal } from '@argus/domain';
import { FaceImageLinks } from '@argus/adapters';
import { ApiErrors, ApiUserAuth } from '../common/api-responses';
import { IdParamPipe } from '../common/id-param.pipe';
import { ApiImageBody, uploadedImage } from '../common/image-body';
import { CurrentPrincipal } from '../common/principal.decorator';
import { validatedBody } from '../common/validation';
import { NO_PERSON, NOT_MANAGER, PersonId } from './people.controller';
import { EnrolFromAlertDto } from './people.dto';
import { FaceView } from './people.view';
import { PhotoReader } from './photo-reader';

const UNUSABLE =
  'No usable face (none, too small, too blurred, turned away), several faces and none clearly the main one, an image that cannot be decoded, or an alert without a snapshot; `message` says which';

@ApiTags('people')
@ApiUserAuth()
@Controller('people/:id/faces')
export class PersonFacesController {
  constructor(
    private readonly people: ManagePeople,
    private readonly faces: PersonFaces,
    private readonly photos: PhotoReader,
    private readonly links: FaceImageLinks,
  ) {}

  private view(face: Face, principal: Principal): FaceView {
    return toFaceView(face, (key) => this.links.urlFor(key, principal.userId));
  }

  @Post()
  @ApiOperation({
    summary: 'Enrol a face: from a photo (the one clearly main face), or from an alert (`{ alertId }`)',
    description: 'A photo with small faces in the background enrols its subject. The face crop is kept; the photo is not.',
  })
  @ApiImageBody('A photo of the person, or `{ alertId }` to enrol the face of that alert', EnrolFromAlertDto)
  @ApiCreatedResponse({ type: FaceView, description: 'The enrolled face' })
  @ApiErrors({
    400: 'A JSON body without a valid alertId, or with unknown fields',
    403: NOT_MANAGER,
    404: 'No such person, or no such alert (or one of a camera the caller may not see)',
    413: 'The image is larger than 10 MB',
    415: 'A body that is not image/jpeg, image/png or application/json',
    422: UNUSABLE,
    503: 'Recognition is off (RECOGNITION=off) or not available in this process',
  })
  async enrol(@CurrentPrincipal() principal: Principal, @PersonId() id: string, @Body() body: unknown): Promise<FaceView> {
    requirePeopleManager(principal);
    const image = uploadedImage(body);
    if (!image) {
      const { alertId } = await validatedBody(EnrolFromAlertDto, body);
      this.photos.requireAnalyser();
      return this.view(await this.faces.enrolAlert(principal, id, alertId), principal);
    }
    await this.people.get(principal, id);
    const frame = await this.photos.read(image);
    return this.view(await this.faces.enrolImage(principal, id, frame), principal);
  }

  @Get()
  @ApiOperation({ summary: 'A person’s enrolled faces, oldest first' })
  @ApiOkResponse({ type: [FaceView], description: 'The faces, each with a signed link to its crop' })
  @ApiErrors({ 403: NOT_MANAGER, 404: NO_PERSON })
  async list(@CurrentPrincipal() principal: Principal, @PersonId() id: string): Promise<FaceView[]> {
    return (await this.faces.list(principal, id)).map((f) => this.view(f, principal));
  }

  @Delete(':faceId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one face, its crop and its embeddings' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 403: NOT_MANAGER, 404: 'No such person, or no such face of that person' })
  async remove(@CurrentPrincipal() principal: Principal, @PersonId() id: string, @Param('faceId', new IdParamPipe('Face')) faceId: string): Promise<void> {
    await this.faces.delete(principal, id, faceId);
  }
}
