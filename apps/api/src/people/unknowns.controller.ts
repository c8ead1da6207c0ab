import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UnknownGroups, toUnknownGroupView, type Principal } from '@argus/domain';
import { FaceImageLinks } from '@argus/adapters';
import { ApiErrors, ApiUserAuth } from '../common/api-responses';
import { IdParamPipe } from '../common/id-param.pipe';
import { PageQueryDto } from '../common/page-query.dto';
import { CurrentPrincipal } from '../common/principal.decorator';
import { NOT_MANAGER } from './people.controller';
import { AssignUnknownDto } from './people.dto';
import { PersonView, UnknownGroupPageView } from './people.view';

const GroupId = () => Param('id', new IdParamPipe('Unknown group'));
const NO_GROUP = 'No such unknown group';

@ApiTags('people')
@ApiUserAuth()
@Controller('unknowns')
export class UnknownsController {
  constructor(
    private readonly groups: UnknownGroups,
    private readonly links: FaceImageLinks,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Faces seen by cameras that match nobody, grouped per stranger; most recently seen first' })
  @ApiOkResponse({ type: UnknownGroupPageView, description: 'One page of groups, each with a few signed sample links' })
  @ApiErrors({ 400: 'Invalid page or limit, or an unknown query parameter', 403: NOT_MANAGER })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<UnknownGroupPageView> {
    const page = await this.groups.list(principal, query.page, query.limit);
    const urlFor = (key: string) => this.links.urlFor(key, principal.userId);
    return { ...page, items: page.items.map((e) => toUnknownGroupView(e.group, e.samples, urlFor)) };
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Name a stranger: the group’s faces join a person (`{ personId }`) or a new one (`{ name }`), and the group goes' })
  @ApiOkResponse({ type: PersonView, description: 'The person the faces joined' })
  @ApiErrors({
    400: 'Neither or both of personId and name, a name not 1–100 characters once trimmed, or unknown fields',
    403: NOT_MANAGER,
    404: 'No such unknown group, or no such person',
    409: 'A person of that name exists (give their personId instead)',
    413: true,
  })
  assign(@CurrentPrincipal() principal: Principal, @GroupId() id: string, @Body() body: AssignUnknownDto): Promise<PersonView> {
    return this.groups.assign(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Dismiss a stranger: the group, its faces and their crops go (past alerts keep their unknownId)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 403: NOT_MANAGER, 404: NO_GROUP })
  async remove(@CurrentPrincipal() principal: Principal, @GroupId() id: string): Promise<void> {
    await this.groups.dismiss(principal, id);
  }
}
