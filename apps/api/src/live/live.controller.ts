import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@argus/domain';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentPrincipal } from '../common/principal.decorator';
import { LiveViewService } from './live-view.service';
import { LiveViewDto } from './live.dto';

@ApiTags('live')
@ApiBearerAuth()
@Controller('cameras')
export class LiveController {
  constructor(private readonly live: LiveViewService) {}

  @Get(':id/live')
  @ApiOperation({ summary: 'Where to watch a running camera: its WHEP endpoint and the ICE servers to use' })
  @ApiOkResponse({ type: LiveViewDto })
  @ApiNotFoundResponse({ description: 'No such camera, or the caller may not see it' })
  @ApiConflictResponse({ description: 'The camera is not streaming (stopped, or still connecting)' })
  describe(@CurrentPrincipal() principal: Principal, @Param('id', new IdParamPipe('Camera')) id: string): Promise<LiveViewDto> {
    return this.live.describe(principal, id);
  }
}
