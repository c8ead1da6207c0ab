import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CorrectAlertIdentity, requirePeopleManager, toAlertView, type Principal } from '@argus/domain';
import { SnapshotLinks } from '@argus/adapters';
import { AlertView } from '../alerts/alert.view';
import { ApiErrors, ApiUserAuth } from '../common/api-responses';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentPrincipal } from '../common/principal.decorator';
import { NOT_MANAGER } from './people.controller';
import { AlertIdentityDto } from './people.dto';
import { PhotoReader } from './photo-reader';

@ApiTags('alerts')
@ApiUserAuth()
@Controller('alerts/:alertId/identity')
export class AlertIdentityController {
  constructor(
    private readonly corrector: CorrectAlertIdentity,
    private readonly photos: PhotoReader,
    private readonly links: SnapshotLinks,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Correct who an alert shows: `{ personId }` or `{ personId: null }` (an unknown face)',
    description: 'The alert’s face joins that person, and counts as “not this person” for the person it was matched to before.',
  })
  @ApiOkResponse({ type: AlertView, description: 'The alert with its corrected identity' })
  @ApiErrors({
    400: 'personId missing, not a string or null, or unknown fields',
    403: NOT_MANAGER,
    404: 'No such alert (or one of a camera the caller may not see), or no such person',
    413: true,
    422: 'The alert has no stored snapshot, or no usable face in it',
    503: 'Recognition is off (RECOGNITION=off) or not available in this process',
  })
  async correct(
    @CurrentPrincipal() principal: Principal,
    @Param('alertId', new IdParamPipe('Alert')) alertId: string,
    @Body() body: AlertIdentityDto,
  ): Promise<AlertView> {
    requirePeopleManager(principal);
    this.photos.requireAnalyser();
    const alert = await this.corrector.execute(principal, alertId, body);
    return toAlertView(alert, (key) => this.links.urlFor(key, principal.userId));
  }
}
