import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RecognizeFaces, requirePeopleManager, type Principal } from '@argus/domain';
import { ApiErrors, ApiUserAuth } from '../common/api-responses';
import { ApiImageBody, uploadedImage } from '../common/image-body';
import { CurrentPrincipal } from '../common/principal.decorator';
import { NOT_MANAGER } from './people.controller';
import { RecognitionView } from './people.view';
import { PhotoReader } from './photo-reader';

@ApiTags('people')
@ApiUserAuth()
@Controller('recognize')
export class RecognizeController {
  constructor(
    private readonly recognizer: RecognizeFaces,
    private readonly photos: PhotoReader,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Every face in a photo, each named when it matches an enrolled person' })
  @ApiImageBody('The photo')
  @ApiOkResponse({ type: RecognitionView, description: 'The faces found (none is an empty list)' })
  @ApiErrors({
    400: 'An empty body',
    403: NOT_MANAGER,
    413: 'The image is larger than 10 MB',
    415: 'A body that is not image/jpeg or image/png',
    422: 'An image that cannot be decoded (not a JPEG or PNG, truncated, or over 50 megapixels)',
    503: 'Recognition is off (RECOGNITION=off) or not available in this process',
  })
  async recognize(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<RecognitionView> {
    requirePeopleManager(principal);
    const frame = await this.photos.read(uploadedImage(body));
    return this.recognizer.recognize(principal, frame);
  }
}
