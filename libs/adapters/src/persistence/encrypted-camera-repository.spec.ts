import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialCipher, CredentialDecryptError, CredentialKeyError } from '../security/credential-cipher';
import { aCamera } from './contract/fixtures';
import { EncryptedCameraRepository, UNREADABLE_RTSP_URL } from './encrypted-camera-repository';
import { SqliteCameraRepository, SqliteDatabase } from './sqlite';

const KEY = Buffer.alloc(32, 7).toString('base64');
const PASSWORD = 'hunter2-Correct-Horse';
const URL_WITH_PASSWORD = `rtsp://admin:${PASSWORD}@cam-gate.lan:554/Streaming/101`;

describe('CredentialCipher', () => {
  const cipher = CredentialCipher.fromBase64(KEY);

  it('seals to a tagged value that opens only with the same key and context', () => {
    const sealed = cipher.seal(URL_WITH_PASSWORD, 'cam-1');
    expect(sealed).toMatch(/^enc:v1:[\w-]+$/);
    expect(sealed).not.toContain(PASSWORD);
    expect(cipher.seal(URL_WITH_PASSWORD, 'cam-1')).not.toBe(sealed);
    expect(cipher.open(sealed, 'cam-1')).toBe(URL_WITH_PASSWORD);
    expect(() => cipher.open(sealed, 'cam-2')).toThrow(CredentialDecryptError);
    expect(() => CredentialCipher.fromBase64(CredentialCipher.generateKey()).open(sealed, 'cam-1')).toThrow(CredentialDecryptError);
  });

  it('refuses altered or truncated values and passes plain text through', () => {
    const sealed = cipher.seal('rtsp://h/x', 'c');
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'AB' : 'AA');
    expect(() => cipher.open(flipped, 'c')).toThrow(CredentialDecryptError);
    expect(() => cipher.open('enc:v1:abc', 'c')).toThrow(CredentialDecryptError);
    expect(cipher.open('rtsp://u:p@h/x', 'c')).toBe('rtsp://u:p@h/x');
  });

  it.each(['', 'c2hvcnQ=', Buffer.alloc(33).toString('base64')])('refuses the key %j', (key) => {
    expect(() => CredentialCipher.fromBase64(key)).toThrow(CredentialKeyError);
  });

  it('accepts base64url keys as generated', () => {
    expect(() => CredentialCipher.fromBase64(Buffer.alloc(32, 200).toString('base64url'))).not.toThrow();
  });
});

describe('EncryptedCameraRepository on an SQLite file', () => {
  let dir: string;
  let db: SqliteDatabase;
  const cipher = CredentialCipher.fromBase64(KEY);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'argus-sealed-'));
    db = SqliteDatabase.openInDataDir(dir);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every byte SQLite keeps on disk: the database, its write-ahead log and shared memory. */
  const diskBytes = () => Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));
  const storedUrl = (id: string) => (db.connection.prepare('SELECT rtsp_url FROM cameras WHERE id = ?').get(id) as { rtsp_url: string }).rtsp_url;

  it('never writes the password (or the URL) to the database files, and reads the URL back', async () => {
    const cameras = new EncryptedCameraRepository(new SqliteCameraRepository(db), cipher);
    const camera = aCamera({ rtspUrl: URL_WITH_PASSWORD });
    await cameras.create(camera);
    await cameras.update(camera.id, { rtspUrl: URL_WITH_PASSWORD.replace('101', '102') });
    expect(storedUrl(camera.id)).toMatch(/^enc:v1:/);
    expect((await cameras.findById(camera.id))?.rtspUrl).toBe(URL_WITH_PASSWORD.replace('101', '102'));
    expect((await cameras.listAll())[0].rtspUrl).toBe(URL_WITH_PASSWORD.replace('101', '102'));
    db.close();
    const bytes = diskBytes();
    expect(bytes.length).toBeGreaterThan(4096);
    expect(bytes.includes(PASSWORD)).toBe(false);
    expect(bytes.includes('cam-gate.lan')).toBe(false);
  });

  it('seals the detection stream URL too, reads it back and seals a plain one at start-up', async () => {
    const detectUrl = URL_WITH_PASSWORD.replace('101', '102');
    const storedDetectUrl = (id: string) =>
      (db.connection.prepare('SELECT detect_rtsp_url FROM cameras WHERE id = ?').get(id) as { detect_rtsp_url: string | null }).detect_rtsp_url;
    const cameras = new EncryptedCameraRepository(new SqliteCameraRepository(db), cipher);
    const camera = aCamera({ rtspUrl: 'rtsp://main.lan/x', detectRtspUrl: detectUrl });
    await cameras.create(camera);
    expect(storedDetectUrl(camera.id)).toMatch(/^enc:v1:/);
    expect(await cameras.findById(camera.id)).toEqual(camera);
    // The main URL's sealed value does not open as the detection URL (each has its own context).
    db.connection.prepare('UPDATE cameras SET detect_rtsp_url = rtsp_url WHERE id = ?').run(camera.id);
    expect((await cameras.findById(camera.id))?.detectRtspUrl).toBe(UNREADABLE_RTSP_URL);
    await cameras.update(camera.id, { detectRtspUrl: null });
    expect((await cameras.findById(camera.id))?.detectRtspUrl).toBeNull();
    const plain = new SqliteCameraRepository(db);
    const legacy = aCamera({ rtspUrl: 'rtsp://main.lan/y', detectRtspUrl: detectUrl });
    await plain.create(legacy);
    await cameras.sealStoredUrls();
    expect(storedDetectUrl(legacy.id)).toMatch(/^enc:v1:/);
    expect(await cameras.findById(legacy.id)).toEqual(legacy);
    db.checkpoint();
    db.close();
    expect(diskBytes().includes(PASSWORD)).toBe(false);
  });

  it('reads rows stored in plain text and seals them at start-up, leaving no plain copy on disk', async () => {
    const plain = new SqliteCameraRepository(db);
    const legacy = aCamera({ rtspUrl: URL_WITH_PASSWORD });
    await plain.create(legacy);
    await plain.create(aCamera({ rtspUrl: 'rtsp://no-password.lan/x' }));
    expect(diskBytes().includes(PASSWORD)).toBe(true);
    const cameras = new EncryptedCameraRepository(plain, cipher);
    expect(await cameras.findById(legacy.id)).toEqual(legacy);
    expect(await cameras.sealStoredUrls()).toEqual({ sealed: 2, unreadable: [] });
    expect(await cameras.sealStoredUrls()).toEqual({ sealed: 0, unreadable: [] });
    expect(storedUrl(legacy.id)).toMatch(/^enc:v1:/);
    // Same camera, same updatedAt: sealing is not a change the user made.
    expect(await cameras.findById(legacy.id)).toEqual(legacy);
    db.checkpoint();
    db.close();
    expect(diskBytes().includes(PASSWORD)).toBe(false);
  });

  it('zeroes a deleted plain-text row instead of leaving it in free space (secure_delete)', async () => {
    const plain = new SqliteCameraRepository(db);
    const legacy = aCamera({ rtspUrl: URL_WITH_PASSWORD });
    await plain.create(legacy);
    await plain.create(aCamera({ rtspUrl: 'rtsp://keeps-the-page.lan/x' }));
    db.checkpoint();
    expect(diskBytes().includes(PASSWORD)).toBe(true);
    await plain.delete(legacy.id);
    db.checkpoint();
    db.close();
    expect(diskBytes().includes(PASSWORD)).toBe(false);
  });

  it('reads a URL sealed under another key as an unreachable placeholder and reports it', async () => {
    const other = new EncryptedCameraRepository(new SqliteCameraRepository(db), CredentialCipher.fromBase64(CredentialCipher.generateKey()));
    const camera = aCamera({ rtspUrl: URL_WITH_PASSWORD });
    await other.create(camera);
    const unreadable: string[] = [];
    const cameras = new EncryptedCameraRepository(new SqliteCameraRepository(db), cipher, (id) => unreadable.push(id));
    expect((await cameras.findById(camera.id))?.rtspUrl).toBe(UNREADABLE_RTSP_URL);
    expect((await cameras.list({ offset: 0, limit: 10 })).items[0].rtspUrl).toBe(UNREADABLE_RTSP_URL);
    expect((await cameras.sealStoredUrls()).unreadable).toEqual([camera.id]);
    expect(unreadable).toContain(camera.id);
    // Entering the URL again repairs it.
    await cameras.update(camera.id, { rtspUrl: URL_WITH_PASSWORD });
    expect((await cameras.findById(camera.id))?.rtspUrl).toBe(URL_WITH_PASSWORD);
  });

  it('does not let a sealed URL be moved onto another camera', async () => {
    const cameras = new EncryptedCameraRepository(new SqliteCameraRepository(db), cipher);
    const [a, b] = [aCamera({ rtspUrl: URL_WITH_PASSWORD }), aCamera({ rtspUrl: 'rtsp://b.lan/x' })];
    await cameras.create(a);
    await cameras.create(b);
    db.connection.prepare('UPDATE cameras SET rtsp_url = ? WHERE id = ?').run(storedUrl(a.id), b.id);
    expect((await cameras.findById(b.id))?.rtspUrl).toBe(UNREADABLE_RTSP_URL);
  });
});
