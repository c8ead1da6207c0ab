import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticateUser, LoginThrottle, ManageUsers, UnauthorizedError, toUserView, type Principal } from '@argus/domain';
import type { Request } from 'express';
import { ApiErrors, ApiUserAuth } from '../common/api-responses';
import { CurrentPrincipal } from '../common/principal.decorator';
import { UserView } from '../users/user.view';
import { ChangePasswordDto, LoginDto, TokenDto } from './auth.dto';
import { Public } from './public.decorator';
import { TokenService } from './token.service';
import { TooManyAttemptsException } from './too-many-attempts.exception';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly authenticate: AuthenticateUser,
    private readonly throttle: LoginThrottle,
    private readonly tokens: TokenService,
    private readonly users: ManageUsers,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a username and password for a token (429 after repeated failures)' })
  @ApiOkResponse({ type: TokenDto, description: 'Signed in: the user token and its expiry' })
  @ApiErrors({
    400: 'username or password missing, not a string or too long, or unknown fields',
    401: 'Wrong username or password',
    413: true,
    429: 'Too many failed attempts for this username or address; retry after Retry-After seconds',
  })
  async login(@Body() body: LoginDto, @Req() req: Request): Promise<TokenDto> {
    const address = req.ip ?? 'unknown';
    const waitMs = this.throttle.retryAfterMs(body.username, address);
    if (waitMs > 0) throw new TooManyAttemptsException(Math.ceil(waitMs / 1000));
    try {
      const user = await this.authenticate.execute(body.username, body.password);
      this.throttle.recordSuccess(body.username);
      const token = this.tokens.issue(user);
      return { token, expiresAt: this.tokens.expiryOf(token) };
    } catch (error) {
      if (error instanceof UnauthorizedError) this.throttle.recordFailure(body.username, address);
      throw error;
    }
  }

  @Get('me')
  @ApiUserAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserView, description: 'The caller' })
  async me(@CurrentPrincipal() principal: Principal): Promise<UserView> {
    return toUserView(await this.users.get(principal.userId));
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your own password (needs the current one)' })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiErrors({
    400: 'The new password is too short (8 characters at least) or too long, or unknown fields',
    401: 'No valid bearer token, or the current password is wrong',
    413: true,
  })
  async changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto): Promise<void> {
    await this.authenticate.execute(principal.username, body.currentPassword);
    await this.users.changeOwnPassword(principal, body.newPassword);
  }
}
