import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors';
import { aCamera, FakeClock, InMemoryCameras, InMemoryUsers, PlainTestHasher, SequentialIds } from '../../testing';
import { toPrincipal, toUserView, type Principal, type Role, type User } from '../user';
import { ManageUsers } from './manage-users';

const T0 = new Date('2026-01-01T00:00:00Z');

const camera = (id: string, ownerId: string, viewerIds: string[]) => aCamera({ id, name: id, rtspUrl: `rtsp://h/${id}`, ownerId, viewerIds });

async function setup(roles: Array<[string, Role]> = [['root', 'admin'], ['oper', 'operator'], ['view', 'viewer']]) {
  const clock = new FakeClock(T0);
  const users = new InMemoryUsers();
  const cameras = new InMemoryCameras();
  const manage = new ManageUsers({ users, cameras, hasher: new PlainTestHasher(), ids: new SequentialIds(), clock });
  const byName: Record<string, User> = {};
  for (const [username, role] of roles) {
    byName[username] = await manage.createUnchecked({ username, password: `${username}-password`, role });
    clock.advance(1_000);
  }
  const as = (username: string): Principal => toPrincipal(byName[username]);
  return { clock, users, cameras, manage, byName, as };
}

describe('ManageUsers.create', () => {
  it('lets an admin create a user with a hashed password', async () => {
    const { manage, users, as } = await setup();
    const user = await manage.create(as('root'), { username: 'newbie', password: 'long-enough', role: 'operator' });
    expect(user).toEqual({
      id: 'id-4',
      username: 'newbie',
      role: 'operator',
      passwordHash: 'test$long-enough',
      mustChangePassword: false,
      createdAt: new Date('2026-01-01T00:00:03Z'),
      updatedAt: new Date('2026-01-01T00:00:03Z'),
    });
    expect(users.rows.get('id-4')).toEqual(user);
    expect(toUserView(user)).toEqual({ id: 'id-4', username: 'newbie', role: 'operator', mustChangePassword: false, createdAt: '2026-01-01T00:00:03.000Z' });
  });

  it.each(['oper', 'view'])('forbids the %s', async (who) => {
    const { manage, users, as } = await setup();
    await expect(manage.create(as(who), { username: 'sneaky', password: 'long-enough', role: 'admin' })).rejects.toThrow(
      new ForbiddenError('Only admins manage users'),
    );
    await expect(manage.list(as(who))).rejects.toBeInstanceOf(ForbiddenError);
    expect(users.rows.size).toBe(3);
  });

  it('refuses a taken username, whatever its case', async () => {
    const { manage, as } = await setup();
    await expect(manage.create(as('root'), { username: 'OPER', password: 'long-enough', role: 'viewer' })).rejects.toThrow(
      new ConflictError('username "OPER" is already taken'),
    );
  });

  it('validates username, password and role', async () => {
    const { manage, as } = await setup();
    await expect(manage.create(as('root'), { username: 'x', password: 'long-enough', role: 'viewer' })).rejects.toBeInstanceOf(ValidationError);
    await expect(manage.create(as('root'), { username: 'xyz', password: 'short', role: 'viewer' })).rejects.toBeInstanceOf(ValidationError);
    await expect(manage.create(as('root'), { username: 'xyz', password: 'long-enough', role: 'superuser' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(manage.create(as('root'), { username: { $gt: '' }, password: 'long-enough', role: 'viewer' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('ManageUsers.list and update', () => {
  it('lists every user for an admin', async () => {
    const { manage, as } = await setup();
    expect((await manage.list(as('root'))).map((u) => u.username)).toEqual(['root', 'oper', 'view']);
  });

  it('gives operators and admins a directory of names and roles only, refuses viewers', async () => {
    const { manage, as, byName } = await setup();
    for (const who of ['root', 'oper']) {
      expect(await manage.directory(as(who))).toEqual([
        { id: byName['oper'].id, username: 'oper', role: 'operator' },
        { id: byName['root'].id, username: 'root', role: 'admin' },
        { id: byName['view'].id, username: 'view', role: 'viewer' },
      ]);
    }
    await expect(manage.directory(as('view'))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('changes role and password', async () => {
    const { manage, users, as, byName, clock } = await setup();
    clock.advance(60_000);
    const updated = await manage.update(as('root'), byName['view'].id, { role: 'operator', password: 'brand-new-pw' });
    expect(updated).toMatchObject({ role: 'operator', passwordHash: 'test$brand-new-pw', updatedAt: new Date('2026-01-01T00:01:03Z') });
    expect(users.rows.get(byName['view'].id)?.role).toBe('operator');
  });

  it('cannot demote the last admin, but can once there is another', async () => {
    const { manage, users, as, byName } = await setup();
    await expect(manage.update(as('root'), byName['root'].id, { role: 'operator' })).rejects.toThrow(
      new ConflictError('Argus needs at least one admin'),
    );
    expect(users.rows.get(byName['root'].id)?.role).toBe('admin');
    await manage.update(as('root'), byName['oper'].id, { role: 'admin' });
    expect((await manage.update(as('root'), byName['root'].id, { role: 'viewer' })).role).toBe('viewer');
  });

  it('rejects bad values, unknown users and non-admins', async () => {
    const { manage, as, byName } = await setup();
    await expect(manage.update(as('root'), byName['oper'].id, { role: 'god' })).rejects.toBeInstanceOf(ValidationError);
    await expect(manage.update(as('root'), byName['oper'].id, { password: 'short' })).rejects.toBeInstanceOf(ValidationError);
    await expect(manage.update(as('root'), 'ghost', { role: 'viewer' })).rejects.toThrow(new NotFoundError('User not found'));
    await expect(manage.update(as('oper'), byName['oper'].id, { role: 'admin' })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('ManageUsers.delete', () => {
  it("hands the user's cameras to the deleting admin and drops them from viewer lists", async () => {
    const { manage, users, cameras, as, byName, clock } = await setup();
    const [root, op, vi] = [byName['root'].id, byName['oper'].id, byName['view'].id];
    await cameras.create(camera('c1', op, [vi]));
    await cameras.create(camera('c2', op, []));
    await cameras.create(camera('c3', root, [op, vi]));
    clock.advance(60_000);
    await manage.delete(as('root'), op);
    expect(users.rows.has(op)).toBe(false);
    expect(cameras.rows.get('c1')).toMatchObject({ ownerId: root, viewerIds: [vi], updatedAt: new Date('2026-01-01T00:01:03Z') });
    expect(cameras.rows.get('c2')?.ownerId).toBe(root);
    expect(cameras.rows.get('c3')).toMatchObject({ ownerId: root, viewerIds: [vi] });
  });

  it('cannot delete the last admin', async () => {
    const { manage, users, as, byName } = await setup();
    await expect(manage.delete(as('root'), byName['root'].id)).rejects.toThrow(new ConflictError('Argus needs at least one admin'));
    expect(users.rows.has(byName['root'].id)).toBe(true);
  });

  it('an admin deleting their own account hands the cameras to the oldest remaining admin', async () => {
    const { manage, users, cameras, as, byName } = await setup([['root', 'admin'], ['second', 'admin'], ['third', 'admin']]);
    await cameras.create(camera('c1', byName['third'].id, []));
    await manage.delete(as('third'), byName['third'].id);
    expect(users.rows.has(byName['third'].id)).toBe(false);
    expect(cameras.rows.get('c1')?.ownerId).toBe(byName['root'].id);
  });

  it('lets an admin delete another admin when one remains', async () => {
    const { manage, users, as, byName } = await setup([['root', 'admin'], ['second', 'admin']]);
    await manage.delete(as('root'), byName['second'].id);
    expect([...users.rows.values()].map((u) => u.username)).toEqual(['root']);
  });

  it('refuses non-admins and unknown users', async () => {
    const { manage, users, as, byName } = await setup();
    await expect(manage.delete(as('oper'), byName['view'].id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(manage.delete(as('view'), byName['view'].id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(manage.delete(as('root'), 'ghost')).rejects.toThrow(new NotFoundError('User not found'));
    expect(users.rows.size).toBe(3);
  });
});

describe('ManageUsers.changeOwnPassword', () => {
  it('works for every role and validates the password', async () => {
    const { manage, users, as, byName } = await setup();
    await manage.changeOwnPassword(as('view'), 'viewer-new-pw');
    expect(users.rows.get(byName['view'].id)?.passwordHash).toBe('test$viewer-new-pw');
    await expect(manage.changeOwnPassword(as('view'), 'short')).rejects.toBeInstanceOf(ValidationError);
    await expect(manage.changeOwnPassword({ userId: 'ghost', username: 'g', role: 'viewer' }, 'long-enough')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('ManageUsers password changes', () => {
  it('marks a generated first password and an admin reset as temporary, and clears it on a change by the user', async () => {
    const { manage, as } = await setup();
    const first = await manage.createUnchecked({ username: 'boss', password: 'generated-pw', role: 'admin', mustChangePassword: true });
    expect(first.mustChangePassword).toBe(true);
    const newbie = await manage.create(as('root'), { username: 'newbie', password: 'long-enough', role: 'operator' });
    const reset = await manage.update(as('root'), newbie.id, { password: 'temporary-pw' });
    expect(reset.mustChangePassword).toBe(true);
    const own = await manage.changeOwnPassword({ userId: newbie.id, username: 'newbie', role: 'operator' }, 'my-own-password');
    expect(own.mustChangePassword).toBe(false);
  });
});
