import { bearer, startTestApp, type TestApp } from '../src/testing/test-app';
import { BLUE, ColourPatchAnalyser, GREEN, RED, YELLOW, colourPhoto, portrait } from './support/colour-faces';
import { aCamera, anAlertWithSnapshot, anUnknownSighting } from './support/people-world';

describe('recognition, unknown faces and alert identities', () => {
  let t: TestApp;
  let operator: Record<string, string>;
  let viewer: Record<string, string>;
  let cameraId: string;
  const analyser = new ColourPatchAnalyser();

  beforeAll(async () => {
    t = await startTestApp({}, { faceAnalyser: analyser });
    const op = await t.user('operator');
    operator = bearer(op.token);
    viewer = bearer((await t.user('viewer')).token);
    cameraId = await aCamera(t, 'Hall', op.token);
  });
  afterAll(() => t?.close());

  const person = async (name: string, colour?: typeof RED) => {
    const p = (await t.http().post('/api/people').set(operator).send({ name }).expect(201)).body as { id: string; name: string };
    if (colour) await t.http().post(`/api/people/${p.id}/faces`).set(operator).set('Content-Type', 'image/png').send(await portrait(colour)).expect(201);
    return p;
  };

  describe('POST /api/recognize', () => {
    it('names every face that matches an enrolled person, and gives null for the others', async () => {
      const red = await person('Red Person', RED);
      const photo = await colourPhoto(500, 300, [
        { x: 20, y: 20, size: 100, colour: RED },
        { x: 300, y: 100, size: 80, colour: BLUE },
      ]);
      const res = await t.http().post('/api/recognize').set(operator).set('Content-Type', 'image/png').send(photo).expect(200);
      expect(res.body.width).toBe(500);
      expect(res.body.height).toBe(300);
      const byX = [...res.body.faces].sort((a, b) => a.box.x - b.box.x);
      expect(byX).toEqual([
        { box: { x: 20, y: 20, width: 100, height: 100 }, score: 0.99, person: { id: red.id, name: 'Red Person', similarity: expect.closeTo(1, 3) } },
        { box: { x: 300, y: 100, width: 80, height: 80 }, score: 0.99, person: null },
      ]);
    });

    it('answers an empty list for a photo without faces, 415 for JSON, 422 for junk, 400 for no body', async () => {
      const none = await t.http().post('/api/recognize').set(operator).set('Content-Type', 'image/jpeg').send(await colourPhoto(64, 64, [], 'jpeg')).expect(200);
      expect(none.body).toEqual({ width: 64, height: 64, faces: [] });
      const json = await t.http().post('/api/recognize').set(operator).send({ image: 'x' }).expect(415);
      expect(json.body.message).toBe('Content-Type must be image/jpeg or image/png');
      await t.http().post('/api/recognize').set(operator).set('Content-Type', 'image/png').send(Buffer.from('junk junk junk')).expect(422);
      await t.http().post('/api/recognize').set(operator).expect(400);
    });

    it('answers 413 above 10 MB and 403 to viewers', async () => {
      await t.http().post('/api/recognize').set(operator).set('Content-Type', 'image/png').send(Buffer.alloc(10 * 1024 * 1024 + 10)).expect(413);
      await t.http().post('/api/recognize').set(viewer).set('Content-Type', 'image/png').send(await portrait(RED)).expect(403);
    });
  });

  describe('/api/unknowns', () => {
    it('lists strangers grouped across cameras, with signed sample links', async () => {
      const other = await aCamera(t, 'Yard');
      const group = await anUnknownSighting(t, analyser, cameraId, GREEN);
      expect(await anUnknownSighting(t, analyser, other, GREEN)).toBe(group);
      const res = await t.http().get('/api/unknowns').set(operator).expect(200);
      const entry = res.body.items.find((g: { id: string }) => g.id === group);
      expect(entry).toEqual({
        id: group,
        number: expect.any(Number),
        faceCount: 2,
        firstSeen: expect.any(String),
        lastSeen: expect.any(String),
        cameraIds: expect.arrayContaining([cameraId, other]),
        sampleUrls: [expect.stringMatching(/^\/api\/media\/unknowns\//), expect.stringMatching(/^\/api\/media\/unknowns\//)],
      });
      const sample = await t.http().get(entry.sampleUrls[0]).expect(200);
      expect(sample.headers['content-type']).toBe('image/jpeg');
      await t.http().get(entry.sampleUrls[0].replace(/sig=[^&]+/, `sig=${'A'.repeat(43)}`)).expect(404);
    });

    it('assigns a group to a new person by name: its faces become theirs and the group goes', async () => {
      const group = await anUnknownSighting(t, analyser, cameraId, YELLOW);
      const res = await t.http().post(`/api/unknowns/${group}/assign`).set(operator).send({ name: 'Yellow Stranger' }).expect(200);
      expect(res.body).toMatchObject({ name: 'Yellow Stranger', faceCount: 1, alert: false });
      const list = await t.http().get('/api/unknowns?limit=100').set(operator).expect(200);
      expect(list.body.items.map((g: { id: string }) => g.id)).not.toContain(group);
      await t.http().post(`/api/unknowns/${group}/assign`).set(operator).send({ name: 'Again' }).expect(404);
      const faces = await t.http().get(`/api/people/${res.body.id}/faces`).set(operator).expect(200);
      await t.http().get(faces.body[0].imageUrl).expect(200);
    });

    it('assigns a group to an existing person', async () => {
      const blue = await person('Blue Person');
      const group = await anUnknownSighting(t, analyser, cameraId, BLUE);
      const res = await t.http().post(`/api/unknowns/${group}/assign`).set(operator).send({ personId: blue.id }).expect(200);
      expect(res.body).toMatchObject({ id: blue.id, faceCount: 1 });
    });

    it('refuses neither or both of personId and name (400), an unknown person (404), a taken name (409), unknown fields (400)', async () => {
      await person('Taken Name');
      const group = await anUnknownSighting(t, analyser, cameraId, [230, 20, 230]);
      await t.http().post(`/api/unknowns/${group}/assign`).set(operator).send({}).expect(400);
      await t.http().post(`/api/unknowns/${group}/assign`).set(operator).send({ personId: 'x', name: 'y' }).expect(400);
      await t.http().post(`/api/unknowns/${group}/assign`).set(operator).send({ groupId: 'x' }).expect(400);
      await t.http().post(`/api/unknowns/${group}/assign`).set(operator).send({ personId: 'no-such-person' }).expect(404);
      await t.http().post(`/api/unknowns/${group}/assign`).set(operator).send({ name: 'taken name' }).expect(409);
      await t.http().post(`/api/unknowns/${group}/assign`).set(operator).send({ name: ' ' }).expect(400);
    });

    it('dismisses a group with its crops', async () => {
      const group = await anUnknownSighting(t, analyser, cameraId, [20, 230, 230]);
      const sample = (await t.http().get('/api/unknowns?limit=100').set(operator)).body.items.find((g: { id: string }) => g.id === group).sampleUrls[0];
      await t.http().delete(`/api/unknowns/${group}`).set(operator).expect(204);
      await t.http().delete(`/api/unknowns/${group}`).set(operator).expect(404);
      await t.http().get(sample).expect(404);
    });

    it('refuses viewers (403) and bad pages (400)', async () => {
      await t.http().get('/api/unknowns').set(viewer).expect(403);
      await t.http().post('/api/unknowns/x/assign').set(viewer).send({ name: 'v' }).expect(403);
      await t.http().delete('/api/unknowns/x').set(viewer).expect(403);
      await t.http().get('/api/unknowns?page=-1').set(operator).expect(400);
      await t.http().get('/api/unknowns?q=x').set(operator).expect(400);
    });
  });

  describe('POST /api/alerts/:alertId/identity and the identity filters', () => {
    it('sets who an alert shows, filters alerts by person, and sets it back to an unknown face', async () => {
      const green = await person('Green Person');
      const alertId = await anAlertWithSnapshot(t, cameraId, { x: 50, y: 50, size: 100, colour: GREEN });
      const set = await t.http().post(`/api/alerts/${alertId}/identity`).set(operator).send({ personId: green.id }).expect(200);
      expect(set.body).toMatchObject({ alertId, person: { id: green.id, name: 'Green Person', similarity: 1 } });
      const byPerson = await t.http().get(`/api/alerts?personId=${green.id}`).set(operator).expect(200);
      expect(byPerson.body.items.map((a: { alertId: string }) => a.alertId)).toEqual([alertId]);
      expect((await t.http().get(`/api/people/${green.id}`).set(operator)).body.faceCount).toBe(1);

      const cleared = await t.http().post(`/api/alerts/${alertId}/identity`).set(operator).send({ personId: null }).expect(200);
      expect(cleared.body.person).toBeNull();
      const unknown = await t.http().get('/api/alerts?unknown=true&limit=100').set(operator).expect(200);
      expect(unknown.body.items.map((a: { alertId: string }) => a.alertId)).toContain(alertId);
      expect((await t.http().get(`/api/alerts?personId=${green.id}`).set(operator)).body.items).toEqual([]);
    });

    it('keeps past alerts with person: null when the person is deleted', async () => {
      const gone = await person('Soon Deleted');
      const alertId = await anAlertWithSnapshot(t, cameraId, { x: 10, y: 10, size: 90, colour: RED });
      await t.http().post(`/api/alerts/${alertId}/identity`).set(operator).send({ personId: gone.id }).expect(200);
      await t.http().delete(`/api/people/${gone.id}`).set(operator).expect(204);
      const alert = await t.http().get(`/api/alerts/${alertId}`).set(operator).expect(200);
      expect(alert.body.person).toBeNull();
    });

    it('refuses bad bodies (400), unknown alerts or people (404), viewers (403) and bad filters (400)', async () => {
      const alertId = await anAlertWithSnapshot(t, cameraId, { x: 10, y: 10, size: 90, colour: BLUE });
      await t.http().post(`/api/alerts/${alertId}/identity`).set(operator).send({}).expect(400);
      await t.http().post(`/api/alerts/${alertId}/identity`).set(operator).send({ personId: 5 }).expect(400);
      await t.http().post(`/api/alerts/${alertId}/identity`).set(operator).send({ personId: null, note: 'x' }).expect(400);
      await t.http().post(`/api/alerts/${alertId}/identity`).set(operator).send({ personId: 'no-such-person' }).expect(404);
      await t.http().post('/api/alerts/no-such-alert/identity').set(operator).send({ personId: null }).expect(404);
      await t.http().post(`/api/alerts/${alertId}/identity`).set(viewer).send({ personId: null }).expect(403);
      await t.http().get('/api/alerts?unknown=maybe').set(operator).expect(400);
      await t.http().get('/api/alerts?personId=x&unknown=true').set(operator).expect(400);
    });
  });
});
