import { lazyLoad } from './lazy';

describe('lazyLoad', () => {
  it('loads nothing until the first call, then once for all callers', async () => {
    const load = jest.fn(async () => ({ model: 'loaded' }));
    const get = lazyLoad(load);
    expect(load).not.toHaveBeenCalled();
    const [a, b] = await Promise.all([get(), get()]);
    expect(await get()).toBe(a);
    expect(b).toBe(a);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries again after a failed load', async () => {
    const load = jest.fn<Promise<string>, []>().mockRejectedValueOnce(new Error('no model')).mockResolvedValueOnce('model');
    const get = lazyLoad(load);
    await expect(get()).rejects.toThrow('no model');
    await expect(get()).resolves.toBe('model');
    expect(load).toHaveBeenCalledTimes(2);
  });
});
