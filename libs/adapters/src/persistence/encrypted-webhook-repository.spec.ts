import { CredentialCipher } from '../security/credential-cipher';
import { aWebhook } from './contract/notification-fixtures';
import { EncryptedWebhookRepository, UNREADABLE_SECRET } from './encrypted-webhook-repository';
import { SqliteDatabase, SqliteWebhookRepository } from './sqlite';

describe('EncryptedWebhookRepository', () => {
  let db: SqliteDatabase;
  beforeEach(() => (db = SqliteDatabase.inMemory()));
  afterEach(() => db.close());
  const cipher = CredentialCipher.fromBase64(CredentialCipher.generateKey());

  it('stores the secret sealed, bound to the webhook, and reads it back in plain text', async () => {
    const stored = new SqliteWebhookRepository(db);
    const webhooks = new EncryptedWebhookRepository(stored, cipher);
    const hook = aWebhook({ secret: 'shh-very-secret' });
    await webhooks.create(hook);
    const raw = db.prepare('SELECT secret FROM webhooks WHERE id = ?').get(hook.id) as { secret: string };
    expect(raw.secret).toMatch(/^enc:v1:/);
    expect(raw.secret).not.toContain('shh');
    expect((await webhooks.findById(hook.id))?.secret).toBe('shh-very-secret');
    // The sealed value copied onto another webhook does not open there.
    const other = aWebhook({ secret: null });
    await stored.create({ ...other, secret: raw.secret });
    const reported: string[] = [];
    const reading = new EncryptedWebhookRepository(stored, cipher, (id) => reported.push(id));
    expect((await reading.findById(other.id))?.secret).toBe(UNREADABLE_SECRET);
    expect(reported).toEqual([other.id]);
  });

  it('keeps a webhook without a secret without one', async () => {
    const webhooks = new EncryptedWebhookRepository(new SqliteWebhookRepository(db), cipher);
    const hook = aWebhook({ secret: null });
    await webhooks.create(hook);
    expect(await webhooks.listAll()).toEqual([hook]);
  });
});
