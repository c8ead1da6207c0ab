import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CameraQueries,
  CameraRun,
  CameraSettings,
  CreateCamera,
  DeleteCamera,
  Recorder,
  UpdateCamera,
  canSetCameraViewers,
  toCameraView,
  type Camera,
  type Principal,
} from '@argus/domain';
import { ApiErrors, ApiUserAuth } from '../common/api-responses';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentPrincipal } from '../common/principal.decorator';
import { CameraPageView, CameraView } from './camera.view';
import { CameraBodyDto, CameraListQueryDto, DetectionSwitchDto, FpsDto, ObjectLabelsDto, RecordingDto, ViewersDto, ZonesDto } from './cameras.dto';

const CameraId = () => Param('id', new IdParamPipe('Camera'));

const NOT_VISIBLE = 'No such camera, or one the caller may not see';
const NOT_MANAGER = 'The caller may see the camera but not change it (viewers; operators for others’ cameras)';

/**
 * Answers carry the masked URL; the viewers list only for those who may change it; why the camera
 * does not record as set, while that lasts.
 */
export function cameraAnswer(principal: Principal, camera: Camera, recordingError: string | null = null): CameraView {
  const view: CameraView = toCameraView(camera, { includeViewers: canSetCameraViewers(principal, camera) });
  if (recordingError) view.recordingError = recordingError;
  return view;
}

@ApiTags('cameras')
@ApiUserAuth()
@Controller('cameras')
export class CamerasController {
  constructor(
    private readonly queries: CameraQueries,
    private readonly creator: CreateCamera,
    private readonly updater: UpdateCamera,
    private readonly remover: DeleteCamera,
    private readonly settings: CameraSettings,
    private readonly run: CameraRun,
    private readonly recorder: Recorder,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Cameras the caller may see, oldest first' })
  @ApiOkResponse({ type: CameraPageView, description: 'One page of cameras' })
  @ApiErrors({ 400: 'Invalid page, limit or enabled, or an unknown query parameter' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: CameraListQueryDto): Promise<CameraPageView> {
    const page = await this.queries.list(principal, query);
    return { ...page, items: page.items.map((c) => this.answer(principal, c)) };
  }

  @Post()
  @ApiOperation({ summary: 'Add a camera (admins and operators; the caller becomes its owner)' })
  @ApiCreatedResponse({ type: CameraView, description: 'The new camera' })
  @ApiErrors({ 400: true, 403: 'Viewers cannot add cameras', 413: true })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CameraBodyDto): Promise<CameraView> {
    return this.answer(principal, await this.creator.execute(principal, body));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One camera' })
  @ApiOkResponse({ type: CameraView, description: 'The camera' })
  @ApiErrors({ 404: NOT_VISIBLE })
  async get(@CurrentPrincipal() principal: Principal, @CameraId() id: string): Promise<CameraView> {
    return this.answer(principal, await this.queries.get(principal, id));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a camera’s settings; sending back the masked URL keeps the stored password' })
  @ApiOkResponse({ type: CameraView, description: 'The changed camera' })
  @ApiErrors({ 400: true, 403: NOT_MANAGER, 404: NOT_VISIBLE, 413: true })
  async update(@CurrentPrincipal() principal: Principal, @CameraId() id: string, @Body() body: CameraBodyDto): Promise<CameraView> {
    return this.answer(principal, await this.updater.execute(principal, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a camera and its alerts (stops it first)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 403: NOT_MANAGER, 404: NOT_VISIBLE })
  async remove(@CurrentPrincipal() principal: Principal, @CameraId() id: string): Promise<void> {
    await this.remover.execute(principal, id);
  }

  @Post(':id/start')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start the camera’s stream; progress arrives as camera_state events' })
  @ApiAcceptedResponse({ type: CameraView, description: 'Starting: the camera with status `starting`' })
  @ApiErrors({
    403: NOT_MANAGER,
    404: NOT_VISIBLE,
    409: 'The camera is disabled; enable it before starting it',
    503: 'Camera streaming is not available in this process',
  })
  async start(@CurrentPrincipal() principal: Principal, @CameraId() id: string): Promise<CameraView> {
    return this.answer(principal, await this.run.start(principal, id));
  }

  @Post(':id/stop')
  @HttpCode(202)
  @ApiOperation({ summary: 'Stop the camera’s stream (it will not reconnect)' })
  @ApiAcceptedResponse({ type: CameraView, description: 'Stopping: the camera' })
  @ApiErrors({ 403: NOT_MANAGER, 404: NOT_VISIBLE, 503: 'Camera streaming is not available in this process' })
  async stop(@CurrentPrincipal() principal: Principal, @CameraId() id: string): Promise<CameraView> {
    return this.answer(principal, await this.run.stop(principal, id));
  }

  @Patch(':id/detection')
  @ApiOperation({ summary: 'Face detection on or off; a running stream keeps running' })
  @ApiOkResponse({ type: CameraView, description: 'The changed camera' })
  @ApiErrors({ 400: true, 403: NOT_MANAGER, 404: NOT_VISIBLE, 413: true })
  async detection(@CurrentPrincipal() principal: Principal, @CameraId() id: string, @Body() body: DetectionSwitchDto): Promise<CameraView> {
    return this.answer(principal, await this.settings.setDetection(principal, id, body.enabled));
  }

  @Patch(':id/fps')
  @ApiOperation({ summary: 'Processing FPS, 1–30, applied without a restart' })
  @ApiOkResponse({ type: CameraView, description: 'The changed camera' })
  @ApiErrors({ 400: 'fps missing, not an integer or outside 1–30', 403: NOT_MANAGER, 404: NOT_VISIBLE, 413: true })
  async fps(@CurrentPrincipal() principal: Principal, @CameraId() id: string, @Body() body: FpsDto): Promise<CameraView> {
    return this.answer(principal, await this.settings.setFps(principal, id, body.fps));
  }

  @Put(':id/viewers')
  @ApiOperation({ summary: 'Who may view this camera (owner or admin)' })
  @ApiOkResponse({ type: CameraView, description: 'The camera with its new viewerIds' })
  @ApiErrors({ 400: 'userIds is not a list of user id strings, or names unknown users', 403: NOT_MANAGER, 404: NOT_VISIBLE, 413: true })
  async viewers(@CurrentPrincipal() principal: Principal, @CameraId() id: string, @Body() body: ViewersDto): Promise<CameraView> {
    return this.answer(principal, await this.settings.setViewers(principal, id, body.userIds));
  }

  @Put(':id/zones')
  @ApiOperation({ summary: 'Replace the camera’s masks and zones (owner or admin); a running camera applies them without a restart' })
  @ApiOkResponse({ type: CameraView, description: 'The camera with its new zones' })
  @ApiErrors({
    400: 'zones is not a list, or a polygon is bad: fewer than 3 or more than 32 points, coordinates outside 0–1 or not numbers, an unknown kind, an empty, too long or repeated name',
    403: NOT_MANAGER,
    404: NOT_VISIBLE,
    413: true,
  })
  async zones(@CurrentPrincipal() principal: Principal, @CameraId() id: string, @Body() body: ZonesDto): Promise<CameraView> {
    return this.answer(principal, await this.settings.setZones(principal, id, body.zones));
  }

  @Patch(':id/objects')
  @ApiOperation({ summary: 'Object labels to alert on (owner or admin); a running camera follows without a restart' })
  @ApiOkResponse({ type: CameraView, description: 'The camera with its new object labels' })
  @ApiErrors({ 400: 'labels is not a list, or names a label the detector does not know (GET /api/detection/labels)', 403: NOT_MANAGER, 404: NOT_VISIBLE, 413: true })
  async objects(@CurrentPrincipal() principal: Principal, @CameraId() id: string, @Body() body: ObjectLabelsDto): Promise<CameraView> {
    return this.answer(principal, await this.settings.setObjects(principal, id, body.labels));
  }

  @Patch(':id/recording')
  @ApiOperation({ summary: 'What the camera records (owner or admin); applied without a restart' })
  @ApiOkResponse({ type: CameraView, description: 'The camera with its new recording settings' })
  @ApiErrors({ 400: 'An unknown mode, or preSeconds (0–60) / postSeconds (0–300) out of range or not whole numbers', 403: NOT_MANAGER, 404: NOT_VISIBLE, 413: true })
  async recording(@CurrentPrincipal() principal: Principal, @CameraId() id: string, @Body() body: RecordingDto): Promise<CameraView> {
    return this.answer(principal, await this.settings.setRecording(principal, id, { ...body }));
  }

  private answer(principal: Principal, camera: Camera): CameraView {
    return cameraAnswer(principal, camera, this.recorder.recordingError(camera.id));
  }
}
