import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { Readiness } from './readiness';

/** `/api/health` (liveness with a readiness view) and `/api/health/ready` (503 when not ready). */
@Module({ providers: [Readiness], controllers: [HealthController], exports: [Readiness] })
export class HealthModule {}
