import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import type { ArgusConfig, ArgusSecrets } from '@argus/config';
import { AlertTokenGuard } from './alert-token.guard';
import { AuthController } from './auth.controller';
import { InitialAdmin } from './initial-admin';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { TokenService } from './token.service';

@Module({})
export class AuthModule {
  static forConfig(config: ArgusConfig, secrets: ArgusSecrets): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [
        PassportModule,
        JwtModule.register({
          secret: secrets.jwtSecret,
          signOptions: { expiresIn: config.jwtExpiresIn as never, algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [AuthController],
      providers: [JwtStrategy, TokenService, AlertTokenGuard, InitialAdmin, { provide: APP_GUARD, useClass: JwtAuthGuard }],
      exports: [TokenService, AlertTokenGuard],
    };
  }
}
