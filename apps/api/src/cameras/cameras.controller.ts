import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CameraQueries,
  CameraRun,
  CameraSettings,
  CreateCamera,
  DeleteCamera,
  UpdateCamera,
  canSetCameraViewers,
  toCameraView,
  type Camera,
  type Principal,
} from '@argus/domain';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentPrincipal } from '../common/principal.decorator';
import { CameraBodyDto, CameraDto, CameraListQueryDto, CameraPageDto, DetectionSwitchDto, FpsDto, ViewersDto } from './cameras.dto';

const CameraId = () => Param('id', new IdParamPipe('Camera'));

/** Answers carry the masked URL; the viewers list only for those who may change it. */
export function cameraAnswer(principal: Principal, camera: Camera): CameraDto {
  return toCameraView(camera, { includeViewers: canSetCameraViewers(principal, camera) });
}

@ApiTags('cameras')
@ApiBearerAuth()
@Controller('cameras')
export class CamerasController {
  constructor(
    private readonly queries: CameraQueries,
    private readonly creator: CreateCamera,
    private readonly updater: UpdateCamera,
    private readonly remover: DeleteCamera,
    private readonly settings: CameraSettings,
    private readonly run: CameraRun,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Cameras the caller may see, oldest first' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: CameraListQueryDto): Promise<CameraPageDto> {
    const page = await this.queries.list(principal, query);
    return { ...page, items: page.items.map((c) => cameraAnswer(principal, c)) };
  }

  @Post()
  @ApiOperation({ summary: 'Add a camera (admins and operators; the caller becomes its owner)' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CameraBodyDto): Promise<CameraDto> {
    return cameraAnswer(principal, await this.creator.execute(principal, body));
  }

  @Get(':id')
  async get(@CurrentPrincipal() principal: Principal, @CameraId() id: string): Promise<CameraDto> {
    return cameraAnswer(principal, await this.queries.get(principal, id));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a camera’s settings; sending back the masked URL keeps the stored password' })
  async update(@CurrentPrincipal() principal: Principal, @CameraId() id: string, @Body() body: CameraBodyDto): Promise<CameraDto> {
    return cameraAnswer(principal, await this.updater.execute(principal, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a camera and its alerts (stops it first)' })
  async remove(@CurrentPrincipal() principal: Principal, @CameraId() id: string): Promise<void> {
    await this.remover.execute(principal, id);
  }

  @Post(':id/start')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start the camera’s stream; progress arrives as camera_state events' })
  async start(@CurrentPrincipal() principal: Principal, @CameraId() id: string): Promise<CameraDto> {
    return cameraAnswer(principal, await this.run.start(principal, id));
  }

  @Post(':id/stop')
  @HttpCode(202)
  @ApiOperation({ summary: 'Stop the camera’s stream (it will not reconnect)' })
  async stop(@CurrentPrincipal() principal: Principal, @CameraId() id: string): Promise<CameraDto> {
    return cameraAnswer(principal, await this.run.stop(principal, id));
  }

  @Patch(':id/detection')
  @ApiOperation({ summary: 'Face detection on or off; a running stream keeps running' })
  async detection(@CurrentPrincipal() principal: Principal, @CameraId() id: string, @Body() body: DetectionSwitchDto): Promise<CameraDto> {
    return cameraAnswer(principal, await this.settings.setDetection(principal, id, body.enabled));
  }

  @Patch(':id/fps')
  @ApiOperation({ summary: 'Processing FPS, 1–30, applied without a restart' })
  async fps(@CurrentPrincipal() principal: Principal, @CameraId() id: string, @Body() body: FpsDto): Promise<CameraDto> {
    return cameraAnswer(principal, await this.settings.setFps(principal, id, body.fps));
  }

  @Put(':id/viewers')
  @ApiOperation({ summary: 'Who may view this camera (owner or admin)' })
  async viewers(@CurrentPrincipal() principal: Principal, @CameraId() id: string, @Body() body: ViewersDto): Promise<CameraDto> {
    return cameraAnswer(principal, await this.settings.setViewers(principal, id, body.userIds));
  }
}
