import { startMongoWireServer, type MongoWireServer } from '@argus/tools/testing/mongo-wire';
import { freePort } from '@argus/tools/testing/free-port';
import { connectOnce, DatabaseWaitState, DatabaseWaitTimeout, mongoTarget, waitForMongo, type ConnectAttempt } from '../src/persistence/database-wait';

jest.setTimeout(30_000);

const logs = () => {
  const lines: Array<['warn' | 'info', string]> = [];
  return { lines, log: { warn: (m: string) => lines.push(['warn', m]), info: (m: string) => lines.push(['info', m]) } };
};

/** Fails with each reason in turn (one attempt each), then connects. */
function scripted(reasons: string[]): { connect: ConnectAttempt; timeouts: number[] } {
  const timeouts: number[] = [];
  let attempt = 0;
  return {
    timeouts,
    connect: async (_uri, timeoutMs) => {
      timeouts.push(timeoutMs);
      const reason = reasons[attempt++];
      if (reason) throw new Error(`${reason}\nstack line`);
    },
  };
}

describe('mongoTarget', () => {
  it('names the hosts of a connection string, without credentials, database or options', () => {
    expect(mongoTarget('mongodb://mongo:27017/argus')).toBe('mongo:27017');
    expect(mongoTarget('mongodb://user:p%40ss@a.example:27017,b.example:27018/argus?replicaSet=rs0')).toBe('a.example:27017,b.example:27018');
    expect(mongoTarget('mongodb+srv://user:secret@cluster0.example.net/argus')).toBe('cluster0.example.net');
    expect(mongoTarget('mongodb://127.0.0.1')).toBe('127.0.0.1');
  });
});

describe('waitForMongo', () => {
  it('says what it waits for and why after the first failed attempt, then once more per reason, until it connects', async () => {
    const { lines, log } = logs();
    const { connect, timeouts } = scripted(['connect ECONNREFUSED 10.0.0.9:27017', 'connect ECONNREFUSED 10.0.0.9:27017', 'getaddrinfo ENOTFOUND mongo']);
    const state = new DatabaseWaitState('mongodb', 'mongo:27017');
    await waitForMongo({ uri: 'mongodb://mongo:27017/argus', timeoutMs: 60_000, log, state, connect, repeatMs: 60_000 });
    expect(lines.map(([level, m]) => `${level} ${m.replace(/\(\d+ s of 60 s\)/, '(… of 60 s)')}`)).toEqual([
      'warn waiting for MongoDB at mongo:27017: connect ECONNREFUSED 10.0.0.9:27017 (… of 60 s)',
      'warn waiting for MongoDB at mongo:27017: getaddrinfo ENOTFOUND mongo (… of 60 s)',
      expect.stringMatching(/^info MongoDB at mongo:27017 answered after \d+\.\d s$/),
    ]);
    // The first reason is known after at most 1 s; later attempts wait longer, up to 5 s.
    expect(timeouts).toEqual([1000, 2000, 4000, 5000]);
    expect(state).toMatchObject({ waiting: false, reason: null });
  });

  it('says nothing when the database answers at once', async () => {
    const { lines, log } = logs();
    await waitForMongo({ uri: 'mongodb://mongo:27017/argus', timeoutMs: 1000, log, connect: scripted([]).connect });
    expect(lines).toEqual([]);
  });

  it('gives up after the time-out with a message naming the database, the setting and the last reason', async () => {
    const { log } = logs();
    const connect: ConnectAttempt = async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.9:27017');
    };
    const waiting = waitForMongo({ uri: 'mongodb://u:pw@mongo:27017/argus', timeoutMs: 0, log, connect });
    await expect(waiting).rejects.toBeInstanceOf(DatabaseWaitTimeout);
    await expect(waiting).rejects.toThrow('gave up waiting for MongoDB at mongo:27017 after 0 s (DATABASE_WAIT_S=0): connect ECONNREFUSED 10.0.0.9:27017');
  });

  it('with the real driver: a closed port gives the refused connection as the reason, then the time-out', async () => {
    const port = await freePort();
    const { lines, log } = logs();
    const state = new DatabaseWaitState('mongodb', `127.0.0.1:${port}`);
    const waiting = waitForMongo({ uri: `mongodb://127.0.0.1:${port}/argus`, timeoutMs: 2500, log, state });
    await expect(waiting).rejects.toThrow(new RegExp(`^gave up waiting for MongoDB at 127\\.0\\.0\\.1:${port} after \\d+ s \\(DATABASE_WAIT_S=3\\): connect ECONNREFUSED 127\\.0\\.0\\.1:${port}$`));
    expect(lines[0]).toEqual(['warn', expect.stringMatching(new RegExp(`^waiting for MongoDB at 127\\.0\\.0\\.1:${port}: connect ECONNREFUSED 127\\.0\\.0\\.1:${port} \\(\\d s of 3 s\\)$`))]);
    expect(state.describe()).toBe(`waiting for MongoDB at 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`);
  });
});

describe('connectOnce', () => {
  let server: MongoWireServer;
  beforeAll(async () => {
    server = await startMongoWireServer();
  });
  afterAll(() => server?.stop());

  it('resolves when the server answers a ping, and closes its connection', async () => {
    await expect(connectOnce(`${server.uri}argus-wait`, 2000)).resolves.toBeUndefined();
  });
});
