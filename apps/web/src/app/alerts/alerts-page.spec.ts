import { ComponentFixture, TestBed } from '@angular/core/testing';
import { TestRequest } from '@angular/common/http/testing';
import { ConsoleTesting, setUpConsole, visibleName } from '../../testing/console-testing';
import { aCamera, anAlert, pageOf } from '../../testing/fixtures';
import { AlertsPage } from './alerts-page';
import { dayRange } from './alert-range';
import { SnapshotViewer } from './snapshot-viewer';

describe('AlertsPage', () => {
  let t: ConsoleTesting;
  let fixture: ComponentFixture<AlertsPage>;
  let page: HTMLElement;

  beforeEach(async () => {
    t = setUpConsole();
    fixture = TestBed.createComponent(AlertsPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    t.http.expectOne((req) => req.url === '/api/cameras').flush(pageOf([aCamera({ id: 'c1', name: 'Front door' }), aCamera({ id: 'c2', name: 'Garage' })]));
    t.signedInAs({ role: 'viewer' });
  });

  afterEach(() => t.http.verify());

  const alertRequest = (): TestRequest => t.http.expectOne((req) => req.url === '/api/alerts');

  async function answer(request: TestRequest, body = pageOf([anAlert()], 1, 1, 20)): Promise<void> {
    request.flush(body);
    await fixture.whenStable();
  }

  it('asks the server for the first page of 20 and shows a row per alert with its thumbnail', async () => {
    const request = alertRequest();
    expect(request.request.params.keys().sort()).toEqual(['limit', 'page']);
    expect(request.request.params.get('limit')).toBe('20');
    await answer(
      request,
      pageOf([anAlert({ alertId: 'a1', cameraId: 'c2', meta: { faces: 2, score: 0.876 } }), anAlert({ alertId: 'a2', snapshotUrl: undefined })], 2, 1, 20),
    );

    const rows = [...page.querySelectorAll('tr[mat-row]')];
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Garage');
    expect(rows[0].textContent).toContain('0.88');
    expect(rows[0].querySelector('img')?.getAttribute('src')).toBe(anAlert().snapshotUrl);
    expect(visibleName(rows[0].querySelector('button') as Element)).toMatch(/^Open snapshot of Garage at /);
    expect(rows[1].textContent).toContain('None');
  });

  it('shows the zones each alert happened in', async () => {
    await answer(alertRequest(), pageOf([anAlert({ alertId: 'a1', zones: ['Doorstep', 'Porch'] }), anAlert({ alertId: 'a2' })], 2, 1, 20));
    const headers = [...page.querySelectorAll('th')].map((th) => th.textContent?.trim());
    expect(headers).toContain('Zones');
    const cells = [...page.querySelectorAll('[data-testid="alert-zones"]')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim());
    expect(cells).toEqual(['Doorstep, Porch', '—No zone']);
  });

  it('shows an object alert with its label where a face alert shows who, and no face count', async () => {
    const car = anAlert({ alertId: 'a1', kind: 'object', label: 'car', meta: { faces: 0, score: 0.81 } });
    await answer(alertRequest(), pageOf([car, anAlert({ alertId: 'a2', meta: { faces: 2 } })], 2, 1, 20));
    const headers = [...page.querySelectorAll('th')].map((th) => th.textContent?.trim());
    expect(headers).toContain('Seen');
    const rows = [...page.querySelectorAll('tr[mat-row]')];
    expect(rows[0].querySelector('[data-testid="alert-object"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('category Car');
    expect(rows[0].textContent).toContain('Not a face alert');
    expect(rows[0].textContent).toContain('0.81');
    expect(rows[1].querySelector('[data-testid="alert-object"]')).toBeNull();
  });

  it('opens the alert a notification links to (?alert=<id>)', async () => {
    await answer(alertRequest());
    const open = jest.spyOn(TestBed.inject(SnapshotViewer), 'open').mockResolvedValue();
    fixture.componentRef.setInput('alert', 'a-9');
    await fixture.whenStable();
    t.http.expectOne('/api/alerts/a-9').flush(anAlert({ alertId: 'a-9', cameraId: 'c2' }));
    await fixture.whenStable();
    expect(open).toHaveBeenCalledWith(expect.objectContaining({ alertId: 'a-9' }), 'Garage');
  });

  it('pages on the server', async () => {
    await answer(alertRequest(), pageOf([anAlert()], 45, 1, 20));
    expect(page.querySelector('.mat-mdc-paginator-range-label')?.textContent?.trim()).toBe('1 – 20 of 45');
    page.querySelector<HTMLButtonElement>('button[aria-label="Next page"]')?.click();
    await fixture.whenStable();
    const next = alertRequest();
    expect(next.request.params.get('page')).toBe('2');
    expect(next.request.params.get('limit')).toBe('20');
    next.flush(pageOf([anAlert()], 45, 2, 20));
  });

  it('filters by camera and by a day range, back on the first page', async () => {
    await answer(alertRequest());
    const filters = fixture.debugElement.componentInstance['filters'];
    filters.controls.cameraId.setValue('c1');
    await fixture.whenStable();
    expect(alertRequest().request.params.get('cameraId')).toBe('c1');

    const start = new Date(2026, 2, 1);
    const end = new Date(2026, 2, 3);
    filters.patchValue({ start, end });
    await fixture.whenStable();
    const request = alertRequest();
    expect(request.request.params.get('from')).toBe(dayRange(start, end).from);
    expect(request.request.params.get('to')).toBe(dayRange(start, end).to);
    expect(request.request.params.get('page')).toBe('1');
    request.flush(pageOf([]));
    await fixture.whenStable();
    expect(page.textContent).toContain('No alerts match these filters.');
  });
});

describe('dayRange', () => {
  it('covers whole days in local time, inclusive', () => {
    const { from, to } = dayRange(new Date(2026, 2, 1, 15, 30), new Date(2026, 2, 3));
    expect(new Date(from as string)).toEqual(new Date(2026, 2, 1, 0, 0, 0, 0));
    expect(new Date(to as string)).toEqual(new Date(2026, 2, 3, 23, 59, 59, 999));
    expect(dayRange(null, null)).toEqual({});
  });
});
