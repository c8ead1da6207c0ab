import { parseCameraSimArgs } from './cli-args';

describe('parseCameraSimArgs', () => {
  it('defaults to port 8554 on 127.0.0.1 with faces and empty, clips under DATA_DIR/sim', () => {
    expect(parseCameraSimArgs([], { DATA_DIR: '/srv/argus' })).toEqual({
      port: 8554,
      host: '127.0.0.1',
      paths: [
        { name: 'faces', source: 'faces' },
        { name: 'empty', source: 'empty' },
      ],
      clipsDir: '/srv/argus/sim',
      auth: undefined,
      help: false,
    });
  });

  it('maps path names to the generated clips or to files', () => {
    const args = parseCameraSimArgs(['--paths', 'lobby, empty ,door=empty,site/gate=/clips/gate.h264', '--port', '0'], {});
    expect(args.port).toBe(0);
    expect(args.paths).toEqual([
      { name: 'lobby', source: 'faces' },
      { name: 'empty', source: 'empty' },
      { name: 'door', source: 'empty' },
      { name: 'site/gate', source: '/clips/gate.h264' },
    ]);
  });

  it('reads credentials, keeping colons in the password', () => {
    expect(parseCameraSimArgs(['--auth', 'admin:a:b', '--auth-scheme', 'digest'], {}).auth).toEqual({ username: 'admin', password: 'a:b', scheme: 'digest' });
  });

  it.each([
    [['--port', '70000'], '--port'],
    [['--paths', ''], 'no path'],
    [['--paths', '../x'], 'not a valid path name'],
    [['--auth', 'nopassword'], 'USER:PASSWORD'],
    [['--auth', 'a:b', '--auth-scheme', 'ntlm'], 'auth-scheme'],
    [['--bogus'], 'Unknown option'],
  ])('rejects %p', (argv, message) => {
    expect(() => parseCameraSimArgs(argv, {})).toThrow(message);
  });
});
