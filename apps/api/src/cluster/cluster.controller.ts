import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClusterOverview, toClusterNodeView, type Principal } from '@argus/domain';
import { ApiErrors, ApiUserAuth } from '../common/api-responses';
import { CurrentPrincipal } from '../common/principal.decorator';
import { ClusterView } from './cluster.view';

@ApiTags('cluster')
@ApiUserAuth()
@Controller('cluster')
export class ClusterController {
  constructor(private readonly overview: ClusterOverview) {}

  @Get()
  @ApiOperation({ summary: 'The nodes of the installation and the cameras each runs (admin only); one node when Argus is one process' })
  @ApiOkResponse({ type: ClusterView, description: 'Every node, api nodes first, with the cameras each runs' })
  @ApiErrors({ 403: 'Only admins see the cluster' })
  async nodes(@CurrentPrincipal() principal: Principal): Promise<ClusterView> {
    return { nodes: (await this.overview.nodes(principal)).map(toClusterNodeView) };
  }
}
