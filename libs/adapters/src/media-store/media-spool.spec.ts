import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaSpool } from './media-spool';

const read = async (spool: MediaSpool, seq: number) => {
  const parts: Buffer[] = [];
  for await (const chunk of spool.read(seq, 0, 1000)) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString();
};

describe('MediaSpool on disk', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'argus-spool-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads its entries back in order after a restart, numbering on from the last', async () => {
    const first = new MediaSpool(dir);
    await first.open();
    await first.append({ op: 'put', key: 'a/1.jpg', contentType: 'image/jpeg' }, await first.stage(Buffer.from('one')));
    await first.append({ op: 'delete', key: 'a/0.jpg' });
    await first.append({ op: 'deletePrefix', prefix: 'b/' });

    const again = new MediaSpool(dir);
    await again.open();
    expect(again.all().map((e) => [e.seq, e.op])).toEqual([[1, 'put'], [2, 'delete'], [3, 'deletePrefix']]);
    expect(await read(again, 1)).toBe('one');
    expect((await again.append({ op: 'delete', key: 'x/y' })).seq).toBe(4);
  });

  it('drops what an interrupted write left: staged files, bytes without an entry, unreadable entries', async () => {
    const spool = new MediaSpool(dir);
    await spool.open();
    await spool.append({ op: 'put', key: 'a/kept.jpg', contentType: 'image/jpeg' }, await spool.stage(Buffer.from('kept')));
    writeFileSync(join(dir, '.staged-123-456-abc'), 'half a clip'); // killed while staging
    writeFileSync(join(dir, '0000000000000007.data'), 'bytes whose entry was never written');
    writeFileSync(join(dir, '0000000000000008.json'), '{"seq": 8, "op": "put", "key": "a/'); // torn (no rename happened)
    writeFileSync(join(dir, '.0000000000000009.json.0a1b2c.tmp'), '{}');

    const again = new MediaSpool(dir);
    await again.open();
    expect(again.all().map((e) => e.seq)).toEqual([1]);
    expect(readdirSync(dir).sort()).toEqual(['0000000000000001.data', '0000000000000001.json']);
  });

  it('tells for a key its latest bytes, a later delete, or nothing; drops waiting copies on request', async () => {
    const spool = new MediaSpool(dir);
    await spool.open();
    await spool.append({ op: 'put', key: 'c/1.mp4', contentType: 'video/mp4' }, await spool.stage(Buffer.from('v1')));
    await spool.append({ op: 'put', key: 'c/1.mp4', contentType: 'video/mp4' }, await spool.stage(Buffer.from('v2')));
    expect(spool.view('c/1.mp4')).toMatchObject({ state: 'put', entry: { seq: 2 } });
    expect(spool.view('c/2.mp4')).toBeNull();
    await spool.append({ op: 'deletePrefix', prefix: 'c/' });
    expect(spool.view('c/1.mp4')).toEqual({ state: 'deleted' });
    await spool.dropPuts((key) => key.startsWith('c/'), 1); // 1 is being uploaded: it stays
    expect(spool.all().map((e) => e.seq)).toEqual([1, 3]);
    expect(readdirSync(dir).filter((n) => n.endsWith('.data'))).toEqual(['0000000000000001.data']);
  });
});
