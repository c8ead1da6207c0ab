import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SocketIoRealtimePublisher } from '@argus/adapters';
import { Public } from '../auth/public.decorator';
import { DATABASE_PROBE, type DatabaseProbe } from '../persistence/tokens';

const startedAt = Date.now();

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE_PROBE) private readonly database: DatabaseProbe,
    private readonly realtime: SocketIoRealtimePublisher,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and a readiness view (no auth)' })
  async health() {
    const databaseUp = await this.database.ping().catch(() => false);
    return {
      status: 'ok',
      ready: databaseUp,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      database: { kind: this.database.kind, up: databaseUp },
      socketClients: this.realtime.connectedClients,
    };
  }
}
