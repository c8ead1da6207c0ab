import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OBJECT_LABELS } from '@argus/domain';
import { ApiUserAuth } from '../common/api-responses';

@ApiTags('detection')
@ApiUserAuth()
@Controller('detection')
export class DetectionController {
  @Get('labels')
  @ApiOperation({ summary: 'The object labels the detector knows (COCO names), for PATCH /api/cameras/{id}/objects' })
  @ApiOkResponse({ type: [String], description: 'Labels in the detector’s order', schema: { type: 'array', items: { type: 'string', enum: [...OBJECT_LABELS] } } })
  labels(): string[] {
    return [...OBJECT_LABELS];
  }
}
