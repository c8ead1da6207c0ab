import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { ConsoleTesting, setUpConsole } from '../../testing/console-testing';
import { anAlert } from '../../testing/fixtures';
import { SnapshotDialog } from './snapshot-dialog';

describe('SnapshotDialog', () => {
  let t: ConsoleTesting;

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

  afterEach(() => t.http.verify());

  it('shows the snapshot with what was detected', async () => {
    const dialog = await open(anAlert({ meta: { faces: 2, score: 0.934 } }));
    expect(dialog.querySelector('h2')?.textContent?.trim()).toBe('Front door');
    expect(dialog.textContent).toContain('2 faces');
    expect(dialog.textContent).toContain('score 0.93');
    expect(dialog.querySelector('img')?.getAttribute('src')).toBe(anAlert().snapshotUrl);
  });

  it('names who was seen', async () => {
    const dialog = await open(anAlert({ person: { id: 'p1', name: 'Alice', similarity: 0.8 } }));
    expect(dialog.querySelector('mat-dialog-content p strong')?.textContent?.trim()).toBe('Alice');
  });

  it('names the object of an object alert, without a face count', async () => {
    const dialog = await open(anAlert({ kind: 'object', label: 'dog', meta: { faces: 0, score: 0.7 } }));
    expect(dialog.querySelector('mat-dialog-content p strong')?.textContent?.trim()).toBe('Dog');
    expect(dialog.textContent).not.toContain('faces');
    expect(dialog.textContent).toContain('score 0.70');
  });

  it('renews an expired link once through the API', async () => {
    const dialog = await open();
    dialog.querySelector('img')?.dispatchEvent(new Event('error'));
    await settle();
    expect(dialog.querySelector('mat-spinner')?.getAttribute('aria-label')).toBe('Loading the snapshot');
    t.http.expectOne('/api/alerts/a1').flush(anAlert({ snapshotUrl: '/api/snapshots/a1.jpg?sig=fresh' }));
    await settle();
    expect(dialog.querySelector('img')?.getAttribute('src')).toBe('/api/snapshots/a1.jpg?sig=fresh');

    dialog.querySelector('img')?.dispatchEvent(new Event('error'));
    await settle();
    t.http.expectNone('/api/alerts/a1');
    expect(dialog.querySelector('[role=status]')?.textContent).toContain('could not be loaded');
  });

  it('says when no snapshot was stored', async () => {
    const dialog = await open(anAlert({ snapshotUrl: undefined }));
    expect(dialog.querySelector('img')).toBeNull();
    expect(dialog.querySelector('[role=status]')?.textContent).toContain('No snapshot was stored');
  });
});
