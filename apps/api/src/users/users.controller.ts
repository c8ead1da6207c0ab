import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ManageUsers, toUserView, type Principal } from '@argus/domain';
import { SocketIoRealtimePublisher } from '@argus/adapters';
import { ApiErrors, ApiUserAuth } from '../common/api-responses';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentPrincipal } from '../common/principal.decorator';
import { UserDirectoryEntryView, UserView } from './user.view';
import { CreateUserDto, UpdateUserDto } from './users.dto';

const NOT_ADMIN = 'Only admins manage users';
const LAST_ADMIN = 'Argus needs at least one admin: the last one cannot be demoted or deleted';

@ApiTags('users')
@ApiUserAuth()
@ApiErrors({ 403: NOT_ADMIN })
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: ManageUsers,
    private readonly realtime: SocketIoRealtimePublisher,
  ) {}

  @Get()
  @ApiOperation({ summary: 'All users (admin only)' })
  @ApiOkResponse({ type: [UserView], description: 'Every user' })
  async list(@CurrentPrincipal() principal: Principal): Promise<UserView[]> {
    return (await this.users.list(principal)).map(toUserView);
  }

  @Get('directory')
  @ApiOperation({
    summary: 'Users by name, to choose who may view a camera (operators and admins)',
    description: 'Id, username and role of every user, sorted by username: what an operator needs to share a camera through PUT /api/cameras/{id}/viewers.',
  })
  @ApiOkResponse({ type: [UserDirectoryEntryView], description: 'Every user, sorted by username' })
  @ApiErrors({ 403: 'Viewers do not share cameras' })
  async directory(@CurrentPrincipal() principal: Principal): Promise<UserDirectoryEntryView[]> {
    return this.users.directory(principal);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user (admin only)' })
  @ApiCreatedResponse({ type: UserView, description: 'The new user' })
  @ApiErrors({ 400: 'Invalid username, password (8 characters at least) or role, or unknown fields', 409: 'The username is taken (case-insensitive)', 413: true })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateUserDto): Promise<UserView> {
    return toUserView(await this.users.create(principal, body));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Reset a password or change a role (admin only)' })
  @ApiOkResponse({ type: UserView, description: 'The changed user' })
  @ApiErrors({ 400: true, 404: 'No such user', 409: LAST_ADMIN, 413: true })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe('User')) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    const user = await this.users.update(principal, id, body);
    // Open socket connections were authorised under the old role: make them reconnect.
    if (body.role !== undefined) this.realtime.disconnectUser(id);
    return toUserView(user);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user; their cameras pass to the deleting admin (admin only)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 404: 'No such user', 409: LAST_ADMIN })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', new IdParamPipe('User')) id: string): Promise<void> {
    await this.users.delete(principal, id);
    this.realtime.disconnectUser(id);
  }
}
