import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ManageUsers, toUserView, type Principal } from '@argus/domain';
import { SocketIoRealtimePublisher } from '@argus/adapters';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentPrincipal } from '../common/principal.decorator';
import { CreateUserDto, UpdateUserDto, UserDto } from './users.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: ManageUsers,
    private readonly realtime: SocketIoRealtimePublisher,
  ) {}

  @Get()
  @ApiOperation({ summary: 'All users (admin only)' })
  async list(@CurrentPrincipal() principal: Principal): Promise<UserDto[]> {
    return (await this.users.list(principal)).map(toUserView);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user (admin only)' })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateUserDto): Promise<UserDto> {
    return toUserView(await this.users.create(principal, body));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Reset a password or change a role (admin only)' })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new IdParamPipe('User')) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    const user = await this.users.update(principal, id, body);
    // Open socket connections were authorised under the old role: make them reconnect.
    if (body.role !== undefined) this.realtime.disconnectUser(id);
    return toUserView(user);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user; their cameras pass to the deleting admin (admin only)' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', new IdParamPipe('User')) id: string): Promise<void> {
    await this.users.delete(principal, id);
    this.realtime.disconnectUser(id);
  }
}
