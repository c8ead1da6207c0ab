import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@argus/domain';
import { ApiErrors, ApiUserAuth } from '../common/api-responses';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentPrincipal } from '../common/principal.decorator';
import { LiveViewService } from './live-view.service';
import { LiveViewDto } from './live.dto';

@ApiTags('live')
@ApiUserAuth()
@Controller('cameras')
export class LiveController {
  constructor(private readonly live: LiveViewService) {}

  @Get(':id/live')
  @ApiOperation({ summary: 'Where to watch a running camera: its WHEP endpoint and the ICE servers to use' })
  @ApiOkResponse({ type: LiveViewDto, description: 'The WHEP endpoint to POST an SDP offer to, and the ICE servers' })
  @ApiErrors({
    404: 'No such camera, or one the caller may not see',
    409: 'The camera is not streaming (stopped, or still connecting): retry after a camera_state "running"',
  })
  describe(@CurrentPrincipal() principal: Principal, @Param('id', new IdParamPipe('Camera')) id: string): Promise<LiveViewDto> {
    return this.live.describe(principal, id);
  }
}
