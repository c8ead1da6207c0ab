import { ApiProperty } from '@nestjs/swagger';
import { CLUSTER_ROLES, type ClusterNodeView, type ClusterRole } from '@argus/domain';

export class ClusterNodeDto implements ClusterNodeView {
  @ApiProperty({ description: 'The node, new at each start' })
  id!: string;
  @ApiProperty({ enum: CLUSTER_ROLES, description: '`api`: REST, socket.io, console; `worker`: cameras; `all`: both' })
  role!: ClusterRole;
  @ApiProperty({ description: 'Its machine (PUBLIC_HOST when set)' })
  host!: string;
  @ApiProperty({ format: 'date-time' })
  startedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When it last announced itself (every second)' })
  lastSeen!: string;
  @ApiProperty({ description: 'Cameras it runs now' })
  cameras!: number;
  @ApiProperty({ type: [String], description: 'WORKER_LABELS' })
  labels!: string[];
  @ApiProperty({ description: 'Detection threads (0 for an api node)' })
  capacity!: number;
}

export class ClusterView {
  @ApiProperty({ type: [ClusterNodeDto] })
  nodes!: ClusterNodeDto[];
}
