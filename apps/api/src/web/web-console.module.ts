import { Module, type DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgusConfig } from '@argus/config';

/** Serves the built Angular console on the same origin, with deep links falling back to index.html. */
@Module({})
export class WebConsoleModule {
  static forConfig(config: ArgusConfig): DynamicModule {
    const root = config.webRoot;
    if (!root || !existsSync(join(root, 'index.html'))) {
      return { module: WebConsoleModule };
    }
    return {
      module: WebConsoleModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath: root,
          exclude: ['/api/{*path}', '/ws/{*path}'],
          serveStaticOptions: { index: 'index.html', maxAge: '1h', fallthrough: true },
        }),
      ],
    };
  }
}
