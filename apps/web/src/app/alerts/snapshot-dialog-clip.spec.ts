import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { ConsoleTesting, buttonNamed, setUpConsole } from '../../testing/console-testing';
import { anAlert } from '../../testing/fixtures';
import { SnapshotDialog } from './snapshot-dialog';

// An alert's clip plays where its snapshot is shown; a clip stored later arrives with alert_updated.
describe('SnapshotDialog clip', () => {
  let t: ConsoleTesting;
  const CLIP = '/api/clips/c1/a1.mp4?u=u1&exp=1&sig=x';

  async function open(alert = anAlert()): Promise<HTMLElement> {
    t = setUpConsole();
    TestBed.inject(MatDialog).open(SnapshotDialog, { data: { alert, cameraName: 'Front door' } });
    await settle();
    return document.querySelector('mat-dialog-container') as HTMLElement;
  }

  async function settle(): Promise<void> {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
  }

  afterEach(() => {
    t.http.verify();
    TestBed.inject(MatDialog).closeAll();
  });

  const video = (dialog: HTMLElement) => dialog.querySelector<HTMLVideoElement>('video');

  it('plays the clip of an alert that has one, named for assistive technology, and shows the snapshot on demand', async () => {
    const dialog = await open(anAlert({ clipUrl: CLIP }));
    expect(video(dialog)?.getAttribute('src')).toBe(CLIP);
    expect(video(dialog)?.getAttribute('aria-label')).toMatch(/^Clip of Front door at /);
    expect(video(dialog)?.hasAttribute('controls')).toBe(true);
    expect(dialog.querySelector('img')).toBeNull();

    buttonNamed(dialog, 'Show snapshot')?.click();
    await settle();
    expect(video(dialog)).toBeNull();
    expect(dialog.querySelector('img')?.getAttribute('src')).toBe(anAlert().snapshotUrl);
    buttonNamed(dialog, 'Play clip')?.click();
    await settle();
    expect(video(dialog)?.getAttribute('src')).toBe(CLIP);
  });

  it('offers the clip once alert_updated brings it, and ignores other alerts', async () => {
    const dialog = await open();
    expect(buttonNamed(dialog, 'Play clip')).toBeUndefined();
    t.sockets[0].fire('alert_updated', anAlert({ alertId: 'other', clipUrl: '/api/clips/other.mp4' }));
    await settle();
    expect(buttonNamed(dialog, 'Play clip')).toBeUndefined();
    t.sockets[0].fire('alert_updated', anAlert({ clipUrl: CLIP }));
    await settle();
    expect(dialog.querySelector('img')).not.toBeNull(); // the snapshot stays until asked
    buttonNamed(dialog, 'Play clip')?.click();
    await settle();
    expect(video(dialog)?.getAttribute('src')).toBe(CLIP);
  });

  it('renews an expired clip link once through the API', async () => {
    const dialog = await open(anAlert({ clipUrl: CLIP }));
    video(dialog)?.dispatchEvent(new Event('error'));
    await settle();
    expect(dialog.querySelector('mat-spinner')?.getAttribute('aria-label')).toBe('Loading the clip');
    t.http.expectOne('/api/alerts/a1').flush(anAlert({ clipUrl: `${CLIP}&fresh=1` }));
    await settle();
    expect(video(dialog)?.getAttribute('src')).toBe(`${CLIP}&fresh=1`);
    video(dialog)?.dispatchEvent(new Event('error'));
    await settle();
    t.http.expectNone('/api/alerts/a1');
    expect(dialog.querySelector('[role=status]')?.textContent).toContain('The clip could not be loaded');
  });
});
