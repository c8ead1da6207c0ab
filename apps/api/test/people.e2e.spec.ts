import { ALERT_TOKEN, bearer, startTestApp, type TestApp } from '../src/testing/test-app';
import { BLUE, ColourPatchAnalyser, GREEN, RED, YELLOW, colourPhoto, portrait } from './support/colour-faces';
import { aCamera, anAlertWithSnapshot } from './support/people-world';

describe('people: persons and their faces', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let operator: Record<string, string>;
  let viewer: Record<string, string>;
  const analyser = new ColourPatchAnalyser();

  beforeAll(async () => {
    t = await startTestApp({}, { faceAnalyser: analyser });
    admin = bearer(t.adminToken);
    operator = bearer((await t.user('operator')).token);
    viewer = bearer((await t.user('viewer')).token);
  });
  afterAll(() => t?.close());

  const createPerson = async (name: string, alert?: boolean) => {
    const res = await t.http().post('/api/people').set(operator).send(alert === undefined ? { name } : { name, alert });
    expect(res.status).toBe(201);
    return res.body as { id: string; name: string; alert: boolean; faceCount: number };
  };
  const upload = (path: string, bytes: Buffer, type = 'image/png', who = operator) => t.http().post(path).set(who).set('Content-Type', type).send(bytes);

  describe('POST /api/people', () => {
    it('creates a trusted person by default, the name trimmed', async () => {
      const res = await t.http().post('/api/people').set(admin).send({ name: '  Ada Lovelace  ' }).expect(201);
      expect(res.body).toEqual({ id: expect.any(String), name: 'Ada Lovelace', alert: false, faceCount: 0, createdAt: expect.any(String), updatedAt: expect.any(String) });
      const watched = await t.http().post('/api/people').set(operator).send({ name: 'Watched One', alert: true }).expect(201);
      expect(watched.body.alert).toBe(true);
    });

    it.each([
      ['no name', {}, 'name must be a string'],
      ['a blank name', { name: '   ' }, 'name must be 1–100 characters'],
      ['a name over 100 characters', { name: 'x'.repeat(101) }, 'name must be 1–100 characters'],
      ['a number for a name', { name: 42 }, 'name must be a string'],
      ['a string for alert', { name: 'Bob', alert: 'yes' }, 'alert must be a boolean value'],
      ['an unknown field', { name: 'Bob', role: 'admin' }, 'property role should not exist'],
    ])('refuses %s with 400', async (_what, body, message) => {
      const res = await t.http().post('/api/people').set(operator).send(body).expect(400);
      expect(res.body.message).toContain(message);
    });

    it('accepts a name of exactly 100 characters (after trimming)', async () => {
      await t.http().post('/api/people').set(operator).send({ name: ` ${'n'.repeat(100)} ` }).expect(201);
    });

    it('refuses a name taken in any case with 409', async () => {
      await createPerson('Grace Hopper');
      const res = await t.http().post('/api/people').set(operator).send({ name: 'grace HOPPER' }).expect(409);
      expect(res.body).toEqual({ statusCode: 409, message: expect.stringContaining('Grace Hopper') });
    });
  });

  describe('GET, PATCH, DELETE /api/people/:id', () => {
    it('lists by name, finds part of a name and pages', async () => {
      await createPerson('Zed Zimmer');
      const all = await t.http().get('/api/people?limit=100').set(operator).expect(200);
      const names = all.body.items.map((p: { name: string }) => p.name);
      expect(names).toEqual([...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())));
      const found = await t.http().get('/api/people?q=zimm').set(operator).expect(200);
      expect(found.body).toMatchObject({ total: 1, page: 1, limit: 20, items: [{ name: 'Zed Zimmer' }] });
      const page = await t.http().get('/api/people?limit=1&page=2').set(operator).expect(200);
      expect(page.body).toMatchObject({ page: 2, limit: 1, total: all.body.total });
      expect(page.body.items).toHaveLength(1);
    });

    it('refuses bad list queries with 400', async () => {
      await t.http().get('/api/people?page=0').set(operator).expect(400);
      await t.http().get('/api/people?sort=name').set(operator).expect(400);
      await t.http().get(`/api/people?q=${'q'.repeat(101)}`).set(operator).expect(400);
    });

    it('reads, renames and switches a person to watched', async () => {
      const p = await createPerson('Alan Turing');
      await t.http().get(`/api/people/${p.id}`).set(operator).expect(200, { ...p });
      const res = await t.http().patch(`/api/people/${p.id}`).set(operator).send({ name: ' Alan M. Turing ', alert: true }).expect(200);
      expect(res.body).toMatchObject({ id: p.id, name: 'Alan M. Turing', alert: true });
    });

    it('refuses a taken name (409), bad fields (400) and unknown ids (404)', async () => {
      const p = await createPerson('Katherine Johnson');
      await t.http().patch(`/api/people/${p.id}`).set(operator).send({ name: 'GRACE hopper' }).expect(409);
      await t.http().patch(`/api/people/${p.id}`).set(operator).send({ name: '' }).expect(400);
      await t.http().patch(`/api/people/${p.id}`).set(operator).send({ faceCount: 3 }).expect(400);
      for (const id of ['no-such-person', 'bad id!', 'x'.repeat(101)]) {
        await t.http().get(`/api/people/${encodeURIComponent(id)}`).set(operator).expect(404);
        await t.http().patch(`/api/people/${encodeURIComponent(id)}`).set(operator).send({ alert: true }).expect(404);
        await t.http().delete(`/api/people/${encodeURIComponent(id)}`).set(operator).expect(404);
      }
    });
  });

  describe('POST /api/people/:id/faces with a photo', () => {
    it('enrols the face of a PNG and of a JPEG; the crop is served through a link signed for the caller', async () => {
      const p = await createPerson('Marie Curie');
      const png = await upload(`/api/people/${p.id}/faces`, await portrait(RED)).expect(201);
      expect(png.body).toEqual({
        id: expect.any(String),
        personId: p.id,
        box: { x: 100, y: 60, width: 120, height: 120 },
        quality: 0.9,
        imageUrl: expect.stringMatching(new RegExp(`^/api/media/faces/${p.id}/${png.body.id}\\.jpg\\?u=`)),
        createdAt: expect.any(String),
      });
      expect(JSON.stringify(png.body)).not.toMatch(/embedding|vector/);
      await upload(`/api/people/${p.id}/faces`, await portrait(RED, 'jpeg'), 'image/jpeg').expect(201);
      const crop = await t.http().get(png.body.imageUrl).expect(200);
      expect(crop.headers['content-type']).toBe('image/jpeg');
      expect([...crop.body.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      // The link is the operator's: without its signature, or with another user's name in it, nothing.
      await t.http().get(png.body.imageUrl.split('?')[0]).expect(404);
      await t.http().get(png.body.imageUrl.replace(/u=[^&]+/, 'u=someone-else')).expect(404);
      const listed = await t.http().get(`/api/people/${p.id}/faces`).set(operator).expect(200);
      expect(listed.body.map((f: { id: string }) => f.id)).toContain(png.body.id);
      expect((await t.http().get(`/api/people/${p.id}`).set(operator).expect(200)).body.faceCount).toBe(2);
    });

    it('enrols the main face of a photo with small faces in the background', async () => {
      const p = await createPerson('Main Subject');
      const photo = await colourPhoto(400, 300, [
        { x: 120, y: 60, size: 150, colour: GREEN },
        { x: 10, y: 10, size: 30, colour: BLUE },
        { x: 330, y: 230, size: 50, colour: YELLOW },
      ]);
      const res = await upload(`/api/people/${p.id}/faces`, photo).expect(201);
      expect(res.body.box).toEqual({ x: 120, y: 60, width: 150, height: 150 });
    });

    it.each([
      ['no face', () => colourPhoto(320, 240, []), 'No face found in the image'],
      ['a face too small to enrol', () => colourPhoto(320, 240, [{ x: 10, y: 10, size: 30, colour: RED }]), 'too small'],
      [
        'several faces and none clearly the main one',
        () => colourPhoto(400, 240, [{ x: 10, y: 10, size: 100, colour: RED }, { x: 200, y: 10, size: 90, colour: BLUE }]),
        'Found 2 faces and none is clearly the main one',
      ],
    ])('answers 422 for %s, saying so', async (_what, photo, message) => {
      const p = await createPerson(`Nobody ${message.slice(0, 10)}`);
      const res = await upload(`/api/people/${p.id}/faces`, await photo()).expect(422);
      expect(res.body).toEqual({ statusCode: 422, message: expect.stringContaining(message) });
    });

    it('answers 422 for bytes that are not a decodable image, 415 for other media types', async () => {
      const p = await createPerson('Bad Uploads');
      const junk = await upload(`/api/people/${p.id}/faces`, Buffer.from('definitely not a jpeg'), 'image/jpeg').expect(422);
      expect(junk.body.message).toContain('not a JPEG or PNG');
      const png = await portrait(RED);
      const truncated = await upload(`/api/people/${p.id}/faces`, png.subarray(0, png.length >> 1)).expect(422);
      expect(truncated.body.statusCode).toBe(422);
      for (const type of ['image/gif', 'text/plain', 'application/octet-stream', 'multipart/form-data; boundary=x']) {
        const res = await upload(`/api/people/${p.id}/faces`, png, type).expect(415);
        expect(res.body).toEqual({ statusCode: 415, message: 'Content-Type must be image/jpeg, image/png or application/json' });
      }
    });

    it('answers 413 for an image over 10 MB', async () => {
      const p = await createPerson('Big Upload');
      const res = await upload(`/api/people/${p.id}/faces`, Buffer.alloc(10 * 1024 * 1024 + 1, 1), 'image/jpeg').expect(413);
      expect(res.body).toEqual({ statusCode: 413, message: 'The image is larger than 10 MB' });
    });

    it('answers 404 for an unknown person, whatever the image', async () => {
      await upload('/api/people/no-such-person/faces', await portrait(RED)).expect(404);
    });
  });

  describe('POST /api/people/:id/faces with { alertId }', () => {
    it('enrols the face of an alert from its snapshot, for those who may see the alert', async () => {
      const p = await createPerson('From An Alert');
      const alertId = await anAlertWithSnapshot(t, await aCamera(t), { x: 60, y: 40, size: 110, colour: YELLOW });
      // The admin's camera: the operator may not see it, so for them the alert does not exist.
      await t.http().post(`/api/people/${p.id}/faces`).set(operator).send({ alertId }).expect(404);
      const res = await t.http().post(`/api/people/${p.id}/faces`).set(admin).send({ alertId }).expect(201);
      expect(res.body).toMatchObject({ personId: p.id, box: { x: 60, y: 40, width: 110, height: 110 } });
      await t.http().get(res.body.imageUrl).expect(200);
    });

    it('refuses an unknown alert (404), an external alert without a snapshot (422) and bad bodies (400)', async () => {
      const p = await createPerson('Alert Errors');
      await t.http().post(`/api/people/${p.id}/faces`).set(operator).send({ alertId: 'no-such-alert' }).expect(404);
      const external = await t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send({ cameraId: await aCamera(t, 'Outside'), bbox: { x: 1, y: 1, width: 50, height: 50 } }).expect(201);
      const res = await t.http().post(`/api/people/${p.id}/faces`).set(admin).send({ alertId: external.body.alertId }).expect(422);
      expect(res.body.message).toContain('no stored snapshot');
      await t.http().post(`/api/people/${p.id}/faces`).set(operator).send({ alertId: 'x', extra: 1 }).expect(400);
      await t.http().post(`/api/people/${p.id}/faces`).set(operator).send({ alertId: { $gt: '' } }).expect(400);
      await t.http().post(`/api/people/${p.id}/faces`).set(operator).send({}).expect(400);
    });
  });

  describe('DELETE faces and people', () => {
    it('deletes one face and its crop', async () => {
      const p = await createPerson('Two Faces');
      const face = (await upload(`/api/people/${p.id}/faces`, await portrait(BLUE)).expect(201)).body;
      await t.http().delete(`/api/people/${p.id}/faces/${face.id}`).set(operator).expect(204);
      await t.http().delete(`/api/people/${p.id}/faces/${face.id}`).set(operator).expect(404);
      await t.http().get(face.imageUrl).expect(404);
      expect((await t.http().get(`/api/people/${p.id}/faces`).set(operator).expect(200)).body).toEqual([]);
    });

    it('deletes a person with their faces and crops', async () => {
      const p = await createPerson('Gone Soon');
      const face = (await upload(`/api/people/${p.id}/faces`, await portrait(GREEN)).expect(201)).body;
      await t.http().delete(`/api/people/${p.id}`).set(operator).expect(204);
      await t.http().get(`/api/people/${p.id}`).set(operator).expect(404);
      await t.http().get(`/api/people/${p.id}/faces`).set(operator).expect(404);
      await t.http().get(face.imageUrl).expect(404);
    });

    it('answers 404 for a face of another person', async () => {
      const a = await createPerson('Face Owner');
      const b = await createPerson('Not The Owner');
      const face = (await upload(`/api/people/${a.id}/faces`, await portrait(RED)).expect(201)).body;
      await t.http().delete(`/api/people/${b.id}/faces/${face.id}`).set(operator).expect(404);
    });
  });

  it('refuses viewers on every people route with 403, and face crop links signed for them with 404', async () => {
    const p = await createPerson('Private Person');
    const face = (await upload(`/api/people/${p.id}/faces`, await portrait(RED)).expect(201)).body;
    const calls = [
      t.http().post('/api/people').set(viewer).send({ name: 'By A Viewer' }),
      t.http().get('/api/people').set(viewer),
      t.http().get(`/api/people/${p.id}`).set(viewer),
      t.http().patch(`/api/people/${p.id}`).set(viewer).send({ alert: true }),
      t.http().delete(`/api/people/${p.id}`).set(viewer),
      upload(`/api/people/${p.id}/faces`, await portrait(RED), 'image/png', viewer),
      t.http().get(`/api/people/${p.id}/faces`).set(viewer),
      t.http().delete(`/api/people/${p.id}/faces/${face.id}`).set(viewer),
    ];
    for (const call of calls) expect((await call).status).toBe(403);
    expect((await t.http().get(`/api/people/${p.id}/faces`).set(operator)).body).toHaveLength(1);
  });
});

describe('people with RECOGNITION=off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RECOGNITION: 'off' }, { faceAnalyser: new ColourPatchAnalyser() });
  });
  afterAll(() => t?.close());

  it('still manages people, but answers 503 where a face must be analysed', async () => {
    const p = (await t.http().post('/api/people').set(bearer(t.adminToken)).send({ name: 'Offline' }).expect(201)).body;
    const res = await t.http().post(`/api/people/${p.id}/faces`).set(bearer(t.adminToken)).set('Content-Type', 'image/png').send(await portrait(RED)).expect(503);
    expect(res.body.message).toContain('Recognition is not available');
    await t.http().post('/api/recognize').set(bearer(t.adminToken)).set('Content-Type', 'image/png').send(await portrait(RED)).expect(503);
    await t.http().get(`/api/people/${p.id}/faces`).set(bearer(t.adminToken)).expect(200, []);
  });
});
