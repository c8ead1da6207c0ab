import { ALERT_TOKEN, bearer, cameraBody, startTestApp, type TestApp } from '../src/testing/test-app';

// The OpenAPI document (/api/docs-json) is what integrators generate clients from (the console's API
// types are generated from it too): every route must describe its answers as docs/api.md documents
// them, and the schemas must match what the code answers.

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

interface ResponseObject {
  description: string;
  content?: Record<string, { schema?: Schema }>;
  headers?: Record<string, unknown>;
}

interface Operation {
  security?: Record<string, string[]>[];
  responses: Record<string, ResponseObject>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
}

/** The fields docs/api.md gives these shapes from the start. */
const DOCUMENTED = {
  Camera: ['id', 'name', 'location', 'rtspUrl', 'enabled', 'detectionEnabled', 'fps', 'status', 'createdAt', 'updatedAt'],
  User: ['id', 'username', 'role', 'createdAt'],
};

/**
 * What answers carry beyond those first fields (shapes may be added to, never cut): declared in the
 * schema so clients see them, and listed here so nothing else slips in unnoticed.
 */
const ADDITIONS = {
  Camera: { required: ['ownerId', 'zones', 'objects', 'recording'], optional: ['error', 'recordingError', 'viewerIds', 'detectRtspUrl', 'workerLabel', 'node'] },
  User: { required: ['mustChangePassword'], optional: [] as string[] },
};

/** Schemas whose objects may carry further keys (Alert.meta: "at least" these). */
const OPEN_SCHEMAS = new Set(['AlertMeta']);

/** Error statuses answered with another body than the error shape. */
const OTHER_ERROR_BODIES: Record<string, string> = { 'GET /api/health/ready 503': 'Health' };

/** Success answers without a body, besides 204s. */
const WITHOUT_BODY = new Set(['POST /api/mediamtx/auth', 'POST /api/notifications/webhooks/{id}/test']);

const sorted = (values: Iterable<string>) => [...values].sort();

function operations(doc: OpenApiDocument): { key: string; path: string; method: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, method, op })),
  );
}

const refName = (schema: Schema | undefined): string | undefined => schema?.$ref?.replace('#/components/schemas/', '');

function resolve(doc: OpenApiDocument, schema: Schema): { schema: Schema; name?: string; nullable: boolean } {
  const nullable = schema.nullable === true;
  const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
  if (!ref) return { schema, nullable };
  const name = ref.replace('#/components/schemas/', '');
  const target = doc.components.schemas[name];
  if (!target) throw new Error(`dangling $ref ${ref}`);
  return { schema: target, name, nullable };
}

/** Problems of `value` against `schema`: keys (required present, none undeclared), types, enums, date-times. */
function mismatches(doc: OpenApiDocument, schema: Schema, value: unknown, at = '$'): string[] {
  const { schema: s, name, nullable } = resolve(doc, schema);
  if (value === null) return nullable || s.nullable ? [] : [`${at} is null`];
  if (s.enum && !s.enum.includes(value)) return [`${at} = ${JSON.stringify(value)} is not one of ${s.enum.join('|')}`];
  switch (s.type) {
    case 'string':
      if (typeof value !== 'string') return [`${at} is not a string`];
      if (s.format === 'date-time' && new Date(value).toISOString() !== value) return [`${at} is not an ISO 8601 date-time`];
      return [];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at} is not an integer`];
    case 'number':
      return typeof value === 'number' ? [] : [`${at} is not a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at} is not a boolean`];
    case 'array':
      if (!Array.isArray(value)) return [`${at} is not an array`];
      return value.flatMap((item, i) => mismatches(doc, s.items ?? {}, item, `${at}[${i}]`));
  }
  if (typeof value !== 'object' || Array.isArray(value)) return [`${at} is not an object`];
  const properties = s.properties ?? {};
  const record = value as Record<string, unknown>;
  const problems = (s.required ?? []).filter((key) => !(key in record)).map((key) => `${at}.${key} is missing`);
  for (const [key, item] of Object.entries(record)) {
    if (properties[key]) problems.push(...mismatches(doc, properties[key], item, `${at}.${key}`));
    else if (!OPEN_SCHEMAS.has(name ?? '')) problems.push(`${at}.${key} is not declared in ${name ?? 'the schema'}`);
  }
  return problems;
}

/** The success schema of a route, as a component name (`User[]` for arrays). */
function successSchema(doc: OpenApiDocument, key: string): string | undefined {
  const [method, path] = key.split(' ');
  const op = doc.paths[path]?.[method.toLowerCase()];
  const success = Object.entries(op?.responses ?? {}).find(([status]) => status.startsWith('2'));
  const schema = success?.[1].content?.['application/json']?.schema;
  if (schema?.type === 'array') return `${refName(schema.items) ?? schema.items?.type}[]`;
  return refName(schema);
}

async function fetchDocument(t: TestApp): Promise<OpenApiDocument> {
  const res = await t.http().get('/api/docs-json').expect(200);
  return res.body as OpenApiDocument;
}

describe.each([
  ['embedded live view', {}],
  ['MediaMTX live view', { MEDIAMTX_URL: 'rtsp://127.0.0.1:9', MEDIAMTX_WEBRTC_URL: 'http://localhost:8889' }],
])('OpenAPI document (%s)', (_mode, env: Record<string, string>) => {
  let t: TestApp;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    t = await startTestApp(env);
    doc = await fetchDocument(t);
  });
  afterAll(() => t.close());

  it('describes one success answer per route, with a schema unless it has no body', () => {
    const problems: string[] = [];
    for (const { key, op } of operations(doc)) {
      const successes = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (successes.length !== 1) {
        problems.push(`${key}: ${successes.length} success answers`);
        continue;
      }
      const [status, response] = successes[0];
      if (!response.description) problems.push(`${key} ${status}: no description`);
      if (status === '204' || WITHOUT_BODY.has(key)) {
        if (response.content) problems.push(`${key} ${status}: a body is described`);
        continue;
      }
      const types = Object.keys(response.content ?? {});
      if (types.length === 0) problems.push(`${key} ${status}: no content`);
      for (const type of types) {
        if (!response.content?.[type].schema) problems.push(`${key} ${status} ${type}: no schema`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers errors in the shared error shape, each with a description', () => {
    const problems: string[] = [];
    for (const { key, op } of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (!/^[45]\d\d$/.test(status)) continue;
        if (!response.description) problems.push(`${key} ${status}: no description`);
        const expected = OTHER_ERROR_BODIES[`${key} ${status}`] ?? 'Error';
        if (refName(response.content?.['application/json']?.schema) !== expected) problems.push(`${key} ${status}: not the ${expected} schema`);
      }
    }
    expect(problems).toEqual([]);
    expect(doc.components.schemas['Error']).toMatchObject({
      properties: {
        statusCode: { type: 'integer' },
        message: { type: 'string' },
        errors: { type: 'array', items: { type: 'string' } },
      },
      required: ['statusCode', 'message'],
    });
  });

  it('declares bearer auth and 401 exactly where the API refuses callers without a valid token', async () => {
    const problems: string[] = [];
    for (const { key, path, method, op } of operations(doc)) {
      const secured = (op.security ?? []).some((requirement) => Object.keys(requirement).length > 0);
      for (const requirement of op.security ?? []) {
        for (const scheme of Object.keys(requirement)) {
          if (!doc.components.securitySchemes?.[scheme]) problems.push(`${key}: unknown security scheme ${scheme}`);
        }
      }
      if (secured && !op.responses['401']) problems.push(`${key}: secured without a 401 answer`);
      const url = path.replace(/\{[^}]+\}/g, 'x');
      for (const headers of [{}, bearer('not-a-valid-token')]) {
        const res = await t.http()[method as 'get'](url).set(headers);
        const what = Object.keys(headers).length ? 'with a bad token' : 'without a token';
        if (res.status === 401 && !op.responses['401']) problems.push(`${key}: answers 401 ${what}, not documented`);
        if (secured && res.status !== 401) problems.push(`${key}: documented as secured, answers ${res.status} ${what}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('uses the declared security scheme as a bearer scheme', () => {
    expect(doc.components.securitySchemes).toMatchObject({ bearer: { type: 'http', scheme: 'bearer' } });
    const alerts = doc.paths['/api/alerts'];
    expect(doc.components.securitySchemes).toMatchObject({ 'alert-token': { type: 'http', scheme: 'bearer' } });
    expect(alerts.post.security).toEqual([{ 'alert-token': [] }]);
    expect(alerts.get.security).toEqual([{ bearer: [] }]);
    for (const key of ['POST /api/auth/login', 'GET /api/health', 'GET /api/health/ready', 'GET /api/snapshots/{cameraId}/{day}/{file}']) {
      const [method, path] = key.split(' ');
      expect({ key, security: doc.paths[path][method.toLowerCase()].security ?? [] }).toEqual({ key, security: [] });
    }
  });
});

describe('OpenAPI document and docs/api.md', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    t = await startTestApp();
    doc = await fetchDocument(t);
  });
  afterAll(() => t.close());

  const schema = (name: string): Schema => {
    const found = doc.components.schemas[name];
    if (!found) throw new Error(`no schema ${name}`);
    return found;
  };

  it('defines Camera with the documented fields (plus the declared additions) and its status enum', () => {
    const camera = schema('Camera');
    expect(sorted(Object.keys(camera.properties ?? {}))).toEqual(sorted([...DOCUMENTED.Camera, ...ADDITIONS.Camera.required, ...ADDITIONS.Camera.optional]));
    expect(sorted(camera.required ?? [])).toEqual(sorted([...DOCUMENTED.Camera, ...ADDITIONS.Camera.required]));
    expect(camera.properties?.['status'].enum).toEqual(['starting', 'running', 'stopped', 'error']);
    expect(camera.properties?.['fps']).toMatchObject({ type: 'integer', minimum: 1, maximum: 30 });
    expect(camera.properties?.['enabled'].type).toBe('boolean');
    expect(camera.properties?.['detectionEnabled'].type).toBe('boolean');
    expect(camera.properties?.['createdAt']).toEqual({ type: 'string', format: 'date-time' });
    expect(camera.properties?.['updatedAt']).toEqual({ type: 'string', format: 'date-time' });
  });

  it('defines User with the documented fields and its role enum', () => {
    const user = schema('User');
    expect(sorted(Object.keys(user.properties ?? {}))).toEqual(sorted([...DOCUMENTED.User, ...ADDITIONS.User.required, ...ADDITIONS.User.optional]));
    expect(sorted(user.required ?? [])).toEqual(sorted([...DOCUMENTED.User, ...ADDITIONS.User.required]));
    expect(user.properties?.['role'].enum).toEqual(['admin', 'operator', 'viewer']);
    expect(user.properties?.['createdAt']).toEqual({ type: 'string', format: 'date-time' });
  });

  it('defines Alert as alertId, cameraId, timestamp, kind, label?, zones, bbox, snapshotUrl?, clipUrl?, meta, person?, unknownId?', () => {
    const alert = schema('Alert');
    expect(sorted(Object.keys(alert.properties ?? {}))).toEqual(
      sorted(['alertId', 'cameraId', 'timestamp', 'kind', 'label', 'zones', 'bbox', 'snapshotUrl', 'clipUrl', 'meta', 'person', 'unknownId']),
    );
    expect(alert.properties?.['kind'].enum).toEqual(['face', 'object']);
    expect(alert.properties?.['person']).toMatchObject({ nullable: true });
    expect(sorted(schema('AlertPerson').required ?? [])).toEqual(['id', 'name', 'similarity']);
    expect(sorted(alert.required ?? [])).toEqual(sorted(['alertId', 'cameraId', 'timestamp', 'kind', 'zones', 'bbox', 'meta']));
    expect(alert.properties?.['timestamp']).toMatchObject({ type: 'string', format: 'date-time' });
    const bbox = resolve(doc, alert.properties?.['bbox'] ?? {}).schema;
    expect(sorted(bbox.required ?? [])).toEqual(sorted(['x', 'y', 'width', 'height']));
    const meta = resolve(doc, alert.properties?.['meta'] ?? {}).schema;
    expect(sorted(meta.required ?? [])).toEqual(sorted(['score', 'frameWidth', 'frameHeight', 'faces']));
  });

  it('defines the pages as { items, total, page, limit }', () => {
    for (const [page, item] of [['CameraPage', 'Camera'], ['AlertPage', 'Alert'], ['PersonPage', 'Person'], ['UnknownGroupPage', 'UnknownGroup']]) {
      const s = schema(page);
      expect(sorted(s.required ?? [])).toEqual(sorted(['items', 'total', 'page', 'limit']));
      expect(refName(s.properties?.['items'].items)).toBe(item);
      for (const key of ['total', 'page', 'limit']) expect(s.properties?.[key].type).toBe('integer');
    }
  });

  it('gives each route the documented success code and schema', () => {
    const expected: Record<string, [string, string | undefined]> = {
      'POST /api/auth/login': ['200', 'TokenDto'],
      'GET /api/auth/me': ['200', 'User'],
      'POST /api/auth/password': ['204', undefined],
      'GET /api/cameras': ['200', 'CameraPage'],
      'POST /api/cameras': ['201', 'Camera'],
      'GET /api/cameras/{id}': ['200', 'Camera'],
      'PUT /api/cameras/{id}': ['200', 'Camera'],
      'DELETE /api/cameras/{id}': ['204', undefined],
      'POST /api/cameras/{id}/start': ['202', 'Camera'],
      'POST /api/cameras/{id}/stop': ['202', 'Camera'],
      'PATCH /api/cameras/{id}/detection': ['200', 'Camera'],
      'PATCH /api/cameras/{id}/fps': ['200', 'Camera'],
      'PUT /api/cameras/{id}/viewers': ['200', 'Camera'],
      'PUT /api/cameras/{id}/zones': ['200', 'Camera'],
      'PATCH /api/cameras/{id}/objects': ['200', 'Camera'],
      'PATCH /api/cameras/{id}/recording': ['200', 'Camera'],
      'GET /api/detection/labels': ['200', 'string[]'],
      'GET /api/cameras/{id}/live': ['200', 'LiveViewDto'],
      'GET /api/alerts': ['200', 'AlertPage'],
      'GET /api/alerts/{id}': ['200', 'Alert'],
      'POST /api/alerts': ['201', 'Alert'],
      'GET /api/health': ['200', 'Health'],
      'GET /api/health/ready': ['200', 'Health'],
      'GET /api/users': ['200', 'User[]'],
      'GET /api/users/directory': ['200', 'UserDirectoryEntry[]'],
      'POST /api/users': ['201', 'User'],
      'PATCH /api/users/{id}': ['200', 'User'],
      'DELETE /api/users/{id}': ['204', undefined],
      'DELETE /api/cameras/{id}/whep/{sessionId}': ['204', undefined],
      'POST /api/people': ['201', 'Person'],
      'GET /api/people': ['200', 'PersonPage'],
      'GET /api/people/{id}': ['200', 'Person'],
      'PATCH /api/people/{id}': ['200', 'Person'],
      'DELETE /api/people/{id}': ['204', undefined],
      'POST /api/people/{id}/faces': ['201', 'Face'],
      'GET /api/people/{id}/faces': ['200', 'Face[]'],
      'DELETE /api/people/{id}/faces/{faceId}': ['204', undefined],
      'POST /api/recognize': ['200', 'Recognition'],
      'GET /api/unknowns': ['200', 'UnknownGroupPage'],
      'POST /api/unknowns/{id}/assign': ['200', 'Person'],
      'DELETE /api/unknowns/{id}': ['204', undefined],
      'POST /api/alerts/{alertId}/identity': ['200', 'Alert'],
    };
    const actual = Object.fromEntries(
      Object.keys(expected).map((key) => {
        const [method, path] = key.split(' ');
        const statuses = Object.keys(doc.paths[path]?.[method.toLowerCase()]?.responses ?? {}).filter((s) => s.startsWith('2'));
        return [key, [statuses.join(','), successSchema(doc, key)]];
      }),
    );
    expect(actual).toEqual(expected);
    expect(schema('TokenDto').required).toContain('token');
    expect(sorted(schema('LiveViewDto').required ?? [])).toEqual(['iceServers', 'whepUrl']);
    expect(schema('Health').properties?.['status'].enum).toEqual(['ok']);
  });

  it('describes the WHEP exchange as application/sdp and the snapshot as a JPEG', () => {
    const whep = doc.paths['/api/cameras/{id}/whep'].post;
    expect(whep.responses['201'].content).toEqual({ 'application/sdp': { schema: { type: 'string' } } });
    expect(whep.responses['201'].headers).toHaveProperty('Location');
    expect(Object.keys((whep as unknown as { requestBody: { content: object } }).requestBody.content)).toEqual(['application/sdp']);
    const snapshot = doc.paths['/api/snapshots/{cameraId}/{day}/{file}'].get;
    expect(Object.keys(snapshot.responses['200'].content ?? {})).toEqual(['image/jpeg']);
  });

  it('describes photo uploads as JPEG or PNG bodies (and JSON where an alert may be named instead), and face crops as JPEGs', () => {
    const bodyTypes = (path: string) => Object.keys((doc.paths[path].post as unknown as { requestBody: { content: object } }).requestBody.content);
    expect(bodyTypes('/api/recognize')).toEqual(['image/jpeg', 'image/png']);
    expect(bodyTypes('/api/people/{id}/faces')).toEqual(['image/jpeg', 'image/png', 'application/json']);
    for (const path of ['/api/media/faces/{personId}/{file}', '/api/media/unknowns/{groupId}/{file}']) {
      expect(Object.keys(doc.paths[path].get.responses['200'].content ?? {})).toEqual(['image/jpeg']);
      expect(doc.paths[path].get.security ?? []).toEqual([]);
    }
  });

  it('documents the error answers the routes really give', () => {
    const expected: Record<string, string[]> = {
      'POST /api/auth/login': ['400', '401', '413', '429'],
      'GET /api/auth/me': ['401'],
      'POST /api/auth/password': ['400', '401', '413'],
      'GET /api/cameras': ['400', '401'],
      'POST /api/cameras': ['400', '401', '403', '413'],
      'GET /api/cameras/{id}': ['401', '404'],
      'PUT /api/cameras/{id}': ['400', '401', '403', '404', '413'],
      'DELETE /api/cameras/{id}': ['401', '403', '404'],
      'POST /api/cameras/{id}/start': ['401', '403', '404', '409', '503'],
      'POST /api/cameras/{id}/stop': ['401', '403', '404', '503'],
      'PATCH /api/cameras/{id}/detection': ['400', '401', '403', '404', '413'],
      'PATCH /api/cameras/{id}/fps': ['400', '401', '403', '404', '413'],
      'PATCH /api/cameras/{id}/objects': ['400', '401', '403', '404', '413'],
      'PATCH /api/cameras/{id}/recording': ['400', '401', '403', '404', '413'],
      'GET /api/detection/labels': ['401'],
      'PUT /api/cameras/{id}/viewers': ['400', '401', '403', '404', '413'],
      'PUT /api/cameras/{id}/zones': ['400', '401', '403', '404', '413'],
      'GET /api/cameras/{id}/live': ['401', '404', '409'],
      'GET /api/cameras/{id}/recordings': ['400', '401', '404'],
      'GET /api/cameras/{id}/recordings/video': ['400', '401', '404', '416'],
      'POST /api/cameras/{id}/whep': ['400', '401', '404', '409', '413', '415', '503'],
      'DELETE /api/cameras/{id}/whep/{sessionId}': ['401', '404'],
      'GET /api/alerts': ['400', '401'],
      'GET /api/alerts/{id}': ['401', '404'],
      'POST /api/alerts': ['400', '401', '404', '413', '429'],
      'GET /api/users': ['401', '403'],
      'GET /api/users/directory': ['401', '403'],
      'POST /api/users': ['400', '401', '403', '409', '413'],
      'PATCH /api/users/{id}': ['400', '401', '403', '404', '409', '413'],
      'DELETE /api/users/{id}': ['401', '403', '404', '409'],
      'GET /api/snapshots/{cameraId}/{day}/{file}': ['404', '503'],
      'GET /api/clips/{cameraId}/{file}': ['404', '416', '503'],
      'POST /api/people': ['400', '401', '403', '409', '413'],
      'GET /api/people': ['400', '401', '403'],
      'GET /api/people/{id}': ['401', '403', '404'],
      'PATCH /api/people/{id}': ['400', '401', '403', '404', '409', '413'],
      'DELETE /api/people/{id}': ['401', '403', '404'],
      'POST /api/people/{id}/faces': ['400', '401', '403', '404', '413', '415', '422', '503'],
      'GET /api/people/{id}/faces': ['401', '403', '404'],
      'DELETE /api/people/{id}/faces/{faceId}': ['401', '403', '404'],
      'POST /api/recognize': ['400', '401', '403', '413', '415', '422', '503'],
      'GET /api/unknowns': ['400', '401', '403'],
      'POST /api/unknowns/{id}/assign': ['400', '401', '403', '404', '409', '413'],
      'DELETE /api/unknowns/{id}': ['401', '403', '404'],
      'POST /api/alerts/{alertId}/identity': ['400', '401', '403', '404', '413', '422', '503'],
      'GET /api/media/faces/{personId}/{file}': ['404', '503'],
      'GET /api/media/unknowns/{groupId}/{file}': ['404', '503'],
      'GET /api/health': [],
      'GET /api/cluster': ['401', '403'],
      'GET /api/health/ready': ['503'],
      'POST /api/notifications/webhooks': ['400', '401', '413'],
      'GET /api/notifications/webhooks': ['401'],
      'GET /api/notifications/webhooks/{id}': ['401', '404'],
      'DELETE /api/notifications/webhooks/{id}': ['401', '404'],
      'POST /api/notifications/webhooks/{id}/test': ['401', '404'],
      'GET /api/notifications/webhooks/{id}/deliveries': ['401', '404'],
      'GET /api/notifications/push/key': ['401'],
      'POST /api/notifications/push/subscriptions': ['400', '401', '413'],
      'GET /api/notifications/push/subscriptions': ['401'],
      'DELETE /api/notifications/push/subscriptions/{id}': ['401', '404'],
    };
    const actual = Object.fromEntries(
      operations(doc).map(({ key, op }) => [key, Object.keys(op.responses).filter((s) => /^[45]/.test(s)).sort()]),
    );
    expect(actual).toEqual(expected);
    expect(doc.paths['/api/auth/login'].post.responses['429'].headers).toHaveProperty('Retry-After');
    expect(doc.paths['/api/alerts'].post.responses['429'].headers).toHaveProperty('Retry-After');
  });

  describe('real answers have exactly the keys the schemas declare', () => {
    let operator: { id: string; token: string };
    let viewer: { id: string; token: string };
    let cameraId: string;
    beforeAll(async () => {
      operator = await t.user('operator');
      viewer = await t.user('viewer');
      cameraId = (await t.http().post('/api/cameras').set(bearer(operator.token)).send(cameraBody()).expect(201)).body.id;
      await t.http().put(`/api/cameras/${cameraId}/viewers`).set(bearer(operator.token)).send({ userIds: [viewer.id] }).expect(200);
      const bbox = { x: 1, y: 2, width: 30, height: 40 };
      const post = (body: object) => t.http().post('/api/alerts').set(bearer(ALERT_TOKEN)).send(body).expect(201);
      await post({ cameraId, bbox });
      await post({ cameraId, bbox, snapshotUrl: 'https://example.org/snap.jpg', meta: { score: 0.9, frameWidth: 640, frameHeight: 360, faces: 1, trackId: 3 } });
    });

    const check = (route: string, body: unknown) => {
      const name = successSchema(doc, route) ?? 'none';
      const target: Schema = name.endsWith('[]')
        ? { type: 'array', items: { $ref: `#/components/schemas/${name.slice(0, -2)}` } }
        : { $ref: `#/components/schemas/${name}` };
      expect({ route, problems: mismatches(doc, target, body) }).toEqual({ route, problems: [] });
    };

    it('GET /api/cameras/{id}, for its owner (with viewerIds) and for a viewer', async () => {
      const forOwner = await t.http().get(`/api/cameras/${cameraId}`).set(bearer(operator.token)).expect(200);
      expect(forOwner.body).toHaveProperty('viewerIds');
      check('GET /api/cameras/{id}', forOwner.body);
      const forViewer = await t.http().get(`/api/cameras/${cameraId}`).set(bearer(viewer.token)).expect(200);
      expect(forViewer.body).not.toHaveProperty('viewerIds');
      check('GET /api/cameras/{id}', forViewer.body);
      check('GET /api/cameras', (await t.http().get('/api/cameras').set(bearer(operator.token)).expect(200)).body);
    });

    it('GET /api/alerts, with and without snapshotUrl', async () => {
      const res = await t.http().get('/api/alerts').set(bearer(operator.token)).expect(200);
      expect(res.body.items).toHaveLength(2);
      expect(res.body.items.filter((a: object) => 'snapshotUrl' in a)).toHaveLength(1);
      check('GET /api/alerts', res.body);
      check('GET /api/alerts/{id}', (await t.http().get(`/api/alerts/${res.body.items[0].alertId}`).set(bearer(viewer.token)).expect(200)).body);
    });

    it('GET /api/auth/me, GET /api/users, POST /api/auth/login and GET /api/health', async () => {
      check('GET /api/auth/me', (await t.http().get('/api/auth/me').set(bearer(viewer.token)).expect(200)).body);
      check('GET /api/users', (await t.http().get('/api/users').set(bearer(t.adminToken)).expect(200)).body);
      const login = await t.http().post('/api/auth/login').send({ username: 'admin', password: 'admin-password-1' }).expect(200);
      check('POST /api/auth/login', login.body);
      check('GET /api/health', (await t.http().get('/api/health').expect(200)).body);
    });

    it('error answers', async () => {
      const res = await t.http().get('/api/cameras/no-such-camera').set(bearer(viewer.token)).expect(404);
      expect(mismatches(doc, { $ref: '#/components/schemas/Error' }, res.body)).toEqual([]);
      const invalid = await t.http().post('/api/cameras').set(bearer(operator.token)).send({ ...cameraBody(), name: 5, extra: true }).expect(400);
      expect(mismatches(doc, { $ref: '#/components/schemas/Error' }, invalid.body)).toEqual([]);
    });
  });
});
