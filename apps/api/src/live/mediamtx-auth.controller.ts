import { Body, Controller, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { ApiErrors } from '../common/api-responses';
import { MediamtxAccess, readAuthRequest } from './mediamtx-access';

/** MediaMTX's `authHTTPAddress` (MediaMTX mode only). 200 allows the action, 401 refuses it. */
@ApiTags('live')
@Controller('mediamtx')
export class MediamtxAuthController {
  constructor(private readonly access: MediamtxAccess) {}

  @Public()
  @Post('auth')
  @HttpCode(200)
  @ApiOperation({ summary: 'MediaMTX auth hook: read needs a user JWT for a visible camera, publish the Argus publisher secret' })
  @ApiOkResponse({ description: 'Allowed (empty body)' })
  @ApiErrors({ 400: 'Malformed JSON body', 401: 'Not allowed', 413: true })
  async authorize(@Body() body: unknown): Promise<void> {
    if (!(await this.access.allows(readAuthRequest(body)))) throw new UnauthorizedException('Not allowed');
  }
}
