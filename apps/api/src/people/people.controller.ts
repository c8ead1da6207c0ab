import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ManagePeople, type Principal } from '@argus/domain';
import { ApiErrors, ApiUserAuth } from '../common/api-responses';
import { IdParamPipe } from '../common/id-param.pipe';
import { CurrentPrincipal } from '../common/principal.decorator';
import { CreatePersonDto, PersonListQueryDto, UpdatePersonDto } from './people.dto';
import { PersonPageView, PersonView } from './people.view';

export const PersonId = () => Param('id', new IdParamPipe('Person'));
export const NOT_MANAGER = 'Viewers do not manage people';
export const NO_PERSON = 'No such person';

@ApiTags('people')
@ApiUserAuth()
@Controller('people')
export class PeopleController {
  constructor(private readonly people: ManagePeople) {}

  @Post()
  @ApiOperation({ summary: 'Add a person (admins and operators)' })
  @ApiCreatedResponse({ type: PersonView, description: 'The new person, without faces yet' })
  @ApiErrors({ 400: 'name missing, not a string or not 1–100 characters once trimmed; alert not a boolean; unknown fields', 403: NOT_MANAGER, 409: 'A person of that name (any case) exists', 413: true })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreatePersonDto): Promise<PersonView> {
    return this.people.create(principal, body);
  }

  @Get()
  @ApiOperation({ summary: 'People, by name; `q` finds part of a name' })
  @ApiOkResponse({ type: PersonPageView, description: 'One page of people' })
  @ApiErrors({ 400: 'Invalid page, limit or q, or an unknown query parameter', 403: NOT_MANAGER })
  list(@CurrentPrincipal() principal: Principal, @Query() query: PersonListQueryDto): Promise<PersonPageView> {
    return this.people.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One person' })
  @ApiOkResponse({ type: PersonView, description: 'The person' })
  @ApiErrors({ 403: NOT_MANAGER, 404: NO_PERSON })
  get(@CurrentPrincipal() principal: Principal, @PersonId() id: string): Promise<PersonView> {
    return this.people.get(principal, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a person, or switch between watched and trusted' })
  @ApiOkResponse({ type: PersonView, description: 'The changed person' })
  @ApiErrors({ 400: true, 403: NOT_MANAGER, 404: NO_PERSON, 409: 'Another person has that name (any case)', 413: true })
  update(@CurrentPrincipal() principal: Principal, @PersonId() id: string, @Body() body: UpdatePersonDto): Promise<PersonView> {
    return this.people.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a person with their faces, crops and embeddings; past alerts keep `person: null`' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 403: NOT_MANAGER, 404: NO_PERSON })
  async remove(@CurrentPrincipal() principal: Principal, @PersonId() id: string): Promise<void> {
    await this.people.delete(principal, id);
  }
}
