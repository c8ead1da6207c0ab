import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { bearer, startTestApp, type TestApp } from '../src/testing/test-app';

const PHOTO = join(__dirname, '..', '..', '..', 'libs', 'detection', 'test', 'fixtures', 'astronaut.jpg');

/** The production wiring: enrolment and recognition run on the detection pool's face analyser. */
describe('people on the detection pool', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DETECTION_THREADS: '1' });
  });
  afterAll(() => t?.close());

  it('enrols the face of a photo and then recognises that person in it', async () => {
    const admin = bearer(t.adminToken);
    const photo = readFileSync(PHOTO);
    const person = (await t.http().post('/api/people').set(admin).send({ name: 'Eileen Collins' }).expect(201)).body;
    const face = await t.http().post(`/api/people/${person.id}/faces`).set(admin).set('Content-Type', 'image/jpeg').send(photo);
    expect({ status: face.status, body: face.body }).toMatchObject({ status: 201, body: { personId: person.id } });
    expect(face.body.box.width).toBeGreaterThan(40);
    const crop = await t.http().get(face.body.imageUrl).expect(200);
    expect(crop.headers['content-type']).toBe('image/jpeg');

    const res = await t.http().post('/api/recognize').set(admin).set('Content-Type', 'image/jpeg').send(photo).expect(200);
    expect(res.body.faces).toHaveLength(1);
    expect(res.body.faces[0].person).toEqual({ id: person.id, name: 'Eileen Collins', similarity: expect.any(Number) });
    expect(res.body.faces[0].person.similarity).toBeGreaterThan(0.99);
  }, 120_000);

  it('answers 422 for a photo without a face', async () => {
    const blank = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#808080' } }).jpeg().toBuffer();
    const person = (await t.http().post('/api/people').set(bearer(t.adminToken)).send({ name: 'Nobody Here' }).expect(201)).body;
    const res = await t.http().post(`/api/people/${person.id}/faces`).set(bearer(t.adminToken)).set('Content-Type', 'image/jpeg').send(blank).expect(422);
    expect(res.body.message).toBe('No face found in the image');
  }, 60_000);
});
