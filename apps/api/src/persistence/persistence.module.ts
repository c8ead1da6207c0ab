import { Global, Module, type DynamicModule, type OnApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import {
  SqliteAlertRepository,
  SqliteCameraRepository,
  SqliteDatabase,
  SqliteUserRepository,
} from '@argus/adapters/persistence/sqlite';
import { createMongoRepositories, ensureMongoIndexes } from '@argus/adapters/persistence/mongo';
import type { ArgusConfig } from '@argus/config';
import { ResilientAlertRepository } from '@argus/domain';
import { DATABASE_ALERT_REPOSITORY, DATABASE_CAMERA_REPOSITORY, protectedRepositoryProviders } from './protected-repositories';
import { ALERT_REPOSITORY, CAMERA_REPOSITORY, DATABASE_PROBE, USER_REPOSITORY, type DatabaseProbe } from './tokens';

const MONGO_REPOSITORIES = Symbol('MongoRepositories');

@Injectable()
class SqliteLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SqliteDatabase) private readonly db: SqliteDatabase) {}
  onApplicationShutdown(): void {
    this.db.close();
  }
}

/**
 * The repositories behind the domain ports: the embedded SQLite database in DATA_DIR by default,
 * MongoDB (mongoose) when MONGODB_URI is set. The rest of the app only sees the port tokens, whose
 * cameras keep their URLs encrypted and whose alerts survive an outage (protected-repositories).
 */
@Global()
@Module({})
export class PersistenceModule {
  static forConfig(config: ArgusConfig, sqliteFile?: string): DynamicModule {
    return config.mongodbUri ? this.mongo(config, config.mongodbUri) : this.sqlite(config, sqliteFile);
  }

  private static sqlite(config: ArgusConfig, sqliteFile?: string): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        {
          provide: SqliteDatabase,
          useFactory: () => (sqliteFile ? new SqliteDatabase(sqliteFile) : SqliteDatabase.openInDataDir(config.dataDir)),
        },
        SqliteLifecycle,
        { provide: USER_REPOSITORY, useFactory: (db: SqliteDatabase) => new SqliteUserRepository(db), inject: [SqliteDatabase] },
        { provide: DATABASE_CAMERA_REPOSITORY, useFactory: (db: SqliteDatabase) => new SqliteCameraRepository(db), inject: [SqliteDatabase] },
        { provide: DATABASE_ALERT_REPOSITORY, useFactory: (db: SqliteDatabase) => new SqliteAlertRepository(db), inject: [SqliteDatabase] },
        ...protectedRepositoryProviders(config),
        {
          provide: DATABASE_PROBE,
          useFactory: (db: SqliteDatabase): DatabaseProbe => ({
            kind: 'sqlite',
            ping: async () => db.connection.open && db.connection.prepare('SELECT 1').get() !== undefined,
          }),
          inject: [SqliteDatabase],
        },
      ],
      exports: [USER_REPOSITORY, CAMERA_REPOSITORY, ALERT_REPOSITORY, ResilientAlertRepository, DATABASE_PROBE],
    };
  }

  private static mongo(config: ArgusConfig, uri: string): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [MongooseModule.forRoot(uri, { serverSelectionTimeoutMS: 10_000 })],
      providers: [
        {
          provide: MONGO_REPOSITORIES,
          useFactory: async (connection: Connection) => {
            await ensureMongoIndexes(connection);
            return createMongoRepositories(connection);
          },
          inject: [getConnectionToken()],
        },
        { provide: USER_REPOSITORY, useFactory: (r: MongoRepos) => r.users, inject: [MONGO_REPOSITORIES] },
        { provide: DATABASE_CAMERA_REPOSITORY, useFactory: (r: MongoRepos) => r.cameras, inject: [MONGO_REPOSITORIES] },
        { provide: DATABASE_ALERT_REPOSITORY, useFactory: (r: MongoRepos) => r.alerts, inject: [MONGO_REPOSITORIES] },
        ...protectedRepositoryProviders(config),
        {
          provide: DATABASE_PROBE,
          useFactory: (connection: Connection): DatabaseProbe => ({
            kind: 'mongodb',
            ping: async () => connection.readyState === 1 && (await connection.db?.admin().ping())?.['ok'] === 1,
          }),
          inject: [getConnectionToken()],
        },
      ],
      exports: [USER_REPOSITORY, CAMERA_REPOSITORY, ALERT_REPOSITORY, ResilientAlertRepository, DATABASE_PROBE],
    };
  }
}

type MongoRepos = ReturnType<typeof createMongoRepositories>;
