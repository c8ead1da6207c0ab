import { Global, Module, type DynamicModule, type OnApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { MongooseModule, getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import {
  SqliteAlertRepository,
  SqliteCameraRepository,
  SqliteDatabase,
  SqliteFaceRepository,
  SqlitePersonRepository,
  SqliteUnknownGroupRepository,
  SqliteUserRepository,
} from '@argus/adapters/persistence/sqlite';
import { createMongoRepositories, ensureMongoIndexes } from '@argus/adapters/persistence/mongo';
import type { ArgusConfig } from '@argus/config';
import { ResilientAlertRepository } from '@argus/domain';
import { mongoTarget } from './database-wait';
import { DATABASE_ALERT_REPOSITORY, DATABASE_CAMERA_REPOSITORY, protectedRepositoryProviders } from './protected-repositories';
import {
  ALERT_REPOSITORY,
  CAMERA_REPOSITORY,
  DATABASE_PROBE,
  FACE_REPOSITORY,
  PERSON_REPOSITORY,
  UNKNOWN_GROUP_REPOSITORY,
  USER_REPOSITORY,
  type DatabaseProbe,
} from './tokens';

const MONGO_REPOSITORIES = Symbol('MongoRepositories');

/** What the module gives the rest of the app: the port tokens, whichever database is behind them. */
const EXPORTED = [
  USER_REPOSITORY,
  CAMERA_REPOSITORY,
  ALERT_REPOSITORY,
  ResilientAlertRepository,
  PERSON_REPOSITORY,
  FACE_REPOSITORY,
  UNKNOWN_GROUP_REPOSITORY,
  DATABASE_PROBE,
];

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
        { provide: PERSON_REPOSITORY, useFactory: (db: SqliteDatabase) => new SqlitePersonRepository(db), inject: [SqliteDatabase] },
        { provide: FACE_REPOSITORY, useFactory: (db: SqliteDatabase) => new SqliteFaceRepository(db), inject: [SqliteDatabase] },
        { provide: UNKNOWN_GROUP_REPOSITORY, useFactory: (db: SqliteDatabase) => new SqliteUnknownGroupRepository(db), inject: [SqliteDatabase] },
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
      exports: EXPORTED,
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
        { provide: PERSON_REPOSITORY, useFactory: (r: MongoRepos) => r.persons, inject: [MONGO_REPOSITORIES] },
        { provide: FACE_REPOSITORY, useFactory: (r: MongoRepos) => r.faces, inject: [MONGO_REPOSITORIES] },
        { provide: UNKNOWN_GROUP_REPOSITORY, useFactory: (r: MongoRepos) => r.unknownGroups, inject: [MONGO_REPOSITORIES] },
        ...protectedRepositoryProviders(config),
        {
          provide: DATABASE_PROBE,
          useFactory: (connection: Connection): DatabaseProbe => ({
            kind: 'mongodb',
            target: mongoTarget(uri),
            ping: async () => connection.readyState === 1 && (await connection.db?.admin().ping())?.['ok'] === 1,
          }),
          inject: [getConnectionToken()],
        },
      ],
      exports: EXPORTED,
    };
  }
}

type MongoRepos = ReturnType<typeof createMongoRepositories>;
