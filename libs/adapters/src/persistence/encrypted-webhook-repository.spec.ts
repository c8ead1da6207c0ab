import { CredentialCipher } from '../security/credential-cipher';
import { aWebhook } from './contract/notification-fixtures';
import { EncryptedWebhookRepository, UNREADABLE_SECRET, UNREADABLE_URL } from './encrypted-webhook-repository';
import { SqliteDatabase, SqliteWebhookRepository } from './sqlite';

describe('EncryptedWebhookRepository', () => {
  let db: SqliteDatabase;
  beforeEach(() => (db = SqliteDatabase.inMemory()));
  afterEach(() => db.close());
  const cipher = CredentialCipher.fromBase64(CredentialCipher.generateKey());

  it('stores the URL and the secret sealed, bound to the webhook, and reads them back in plain text', async () => {
    const stored = new SqliteWebhookRepository(db);
    const webhooks = new EncryptedWebhookRepository(stored, cipher);
    const hook = aWebhook({ url: 'https://ha.example.com/api/webhook/private-id-123', secret: 'shh-very-secret' });
    await webhooks.create(hook);
    const raw = db.prepare('SELECT url, secret FROM webhooks WHERE id = ?').get(hook.id) as { url: string; secret: string };
    expect(raw.secret).toMatch(/^enc:v1:/);
    expect(raw.url).toMatch(/^enc:v1:/);
    expect(JSON.stringify(raw)).not.toMatch(/shh|private-id/);
    expect(await webhooks.findById(hook.id)).toEqual(hook);
    // Sealed values copied onto another webhook do not open there.
    const other = aWebhook({ secret: null });
    await stored.create({ ...other, url: raw.url, secret: raw.secret });
    const reported: string[] = [];
    const reading = new EncryptedWebhookRepository(stored, cipher, (id) => reported.push(id));
    expect(await reading.findById(other.id)).toMatchObject({ url: UNREADABLE_URL, secret: UNREADABLE_SECRET });
    expect(reported).toEqual([other.id]);
  });

  it('keeps a webhook without a secret without one', async () => {
    const webhooks = new EncryptedWebhookRepository(new SqliteWebhookRepository(db), cipher);
    const hook = aWebhook({ secret: null });
    await webhooks.create(hook);
    expect(await webhooks.listAll()).toEqual([hook]);
  });
});
