import { ComponentFixture, TestBed } from '@angular/core/testing';
import { TestRequest } from '@angular/common/http/testing';
import { ConsoleTesting, buttonNamed, settle, setUpConsole, toastText, typeInto } from '../../testing/console-testing';
import { aPerson, pageOf } from '../../testing/fixtures';
import { PEOPLE_SEARCH_DEBOUNCE_MS, PeoplePage } from './people-page';

describe('PeoplePage', () => {
  let t: ConsoleTesting;
  let fixture: ComponentFixture<PeoplePage>;
  let page: HTMLElement;

  const alice = aPerson({ id: 'p1', name: 'Alice', faceCount: 2 });
  const bob = aPerson({ id: 'p2', name: 'Bob', alert: true, faceCount: 0 });

  beforeEach(async () => {
    t = setUpConsole();
    fixture = TestBed.createComponent(PeoplePage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    const first = listRequest();
    expect(first.request.params.get('page')).toBe('1');
    expect(first.request.params.get('limit')).toBe('20');
    expect(first.request.params.has('q')).toBe(false);
    first.flush(pageOf([alice, bob], 45, 1, 20));
    await settle(fixture);
  });

  afterEach(() => t.http.verify());

  const listRequest = (): TestRequest => t.http.expectOne((req) => req.url === '/api/people' && req.method === 'GET');
  const overlay = () => document.querySelector('.cdk-overlay-container') as HTMLElement;
  const names = () => [...page.querySelectorAll('tr[mat-row] td:first-child')].map((cell) => cell.textContent?.trim());

  it('lists people with their faces and whether they are watched, each linking to their page', () => {
    expect(names()).toEqual(['Alice', 'Bob']);
    const rows = [...page.querySelectorAll('tr[mat-row]')];
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe('/people/p1');
    expect(rows[0].textContent).toContain('Trusted');
    expect(rows[1].textContent).toContain('Watched');
    expect(rows[0].querySelector('mat-slide-toggle button')?.getAttribute('aria-label')).toBe('Watch Alice');
    expect(buttonNamed(rows[1], 'Rename Bob')).toBeDefined();
    expect(buttonNamed(rows[1], 'Delete Bob')).toBeDefined();
  });

  it('searches by name once typing pauses, back on the first page', async () => {
    typeInto(page, 'Search by name', '  ali ');
    await settle(fixture);
    t.http.expectNone((req) => req.url === '/api/people');
    await settle(fixture, PEOPLE_SEARCH_DEBOUNCE_MS);
    const search = listRequest();
    expect(search.request.params.get('q')).toBe('ali');
    expect(search.request.params.get('page')).toBe('1');
    search.flush(pageOf([], 0, 1, 20));
    await settle(fixture);
    expect(page.textContent).toContain('No one matches "ali".');
  });

  it('pages on the server', async () => {
    expect(page.querySelector('.mat-mdc-paginator-range-label')?.textContent?.trim()).toBe('1 – 20 of 45');
    page.querySelector<HTMLButtonElement>('button[aria-label="Next page"]')?.click();
    await settle(fixture);
    const next = listRequest();
    expect(next.request.params.get('page')).toBe('2');
    expect(next.request.params.get('limit')).toBe('20');
    next.flush(pageOf([aPerson({ id: 'p21', name: 'Uma' })], 45, 2, 20));
    await settle(fixture);
    expect(names()).toEqual(['Uma']);
  });

  it('adds a person, showing the API’s refusal in the dialog', async () => {
    buttonNamed(page, 'Add person')?.click();
    await settle(fixture);
    typeInto(overlay(), 'Name', ' Carol ');
    (overlay().querySelector('mat-slide-toggle button') as HTMLButtonElement).click();
    await settle(fixture);
    buttonNamed(overlay(), 'Add')?.click();
    const refused = t.http.expectOne((req) => req.url === '/api/people' && req.method === 'POST');
    expect(refused.request.body).toEqual({ name: 'Carol', alert: true });
    refused.flush({ statusCode: 409, message: 'a person named Carol already exists' }, { status: 409, statusText: 'Conflict' });
    await settle(fixture);
    expect(overlay().querySelector('[role=alert]')?.textContent?.trim()).toBe('a person named Carol already exists');

    buttonNamed(overlay(), 'Add')?.click();
    t.http.expectOne((req) => req.url === '/api/people' && req.method === 'POST').flush(aPerson({ id: 'p3', name: 'Carol', alert: true }));
    await settle(fixture);
    expect(toastText()).toContain('Added Carol');
    listRequest().flush(pageOf([alice, bob, aPerson({ id: 'p3', name: 'Carol' })], 3, 1, 20));
    await settle(fixture);
    expect(names()).toEqual(['Alice', 'Bob', 'Carol']);
  });

  it('asks for a name before calling the API', async () => {
    buttonNamed(page, 'Add person')?.click();
    await settle(fixture);
    typeInto(overlay(), 'Name', '   ');
    buttonNamed(overlay(), 'Add')?.click();
    await settle(fixture);
    t.http.expectNone((req) => req.url === '/api/people' && req.method === 'POST');
    expect(overlay().textContent).toContain('Give a name');
  });

  it('renames a person', async () => {
    buttonNamed(page, 'Rename Alice')?.click();
    await settle(fixture);
    const field = typeInto(overlay(), 'Name', 'Alice Smith');
    expect(field.value).toBe('Alice Smith');
    buttonNamed(overlay(), 'Save')?.click();
    const request = t.http.expectOne('/api/people/p1');
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ name: 'Alice Smith', alert: false });
    request.flush({ ...alice, name: 'Alice Smith' });
    await settle(fixture);
    expect(names()).toEqual(['Alice Smith', 'Bob']);
  });

  it('switches between trusted and watched, and switches back when the API refuses', async () => {
    const toggle = () => page.querySelectorAll('tr[mat-row]')[0].querySelector('mat-slide-toggle button') as HTMLButtonElement;
    toggle().click();
    await settle(fixture);
    const request = t.http.expectOne('/api/people/p1');
    expect(request.request.body).toEqual({ alert: true });
    request.flush({ ...alice, alert: true });
    await settle(fixture);
    expect(page.querySelectorAll('tr[mat-row]')[0].textContent).toContain('Watched');
    expect(toastText()).toContain('Alice is watched');

    toggle().click();
    await settle(fixture);
    t.http.expectOne('/api/people/p1').flush({ statusCode: 404, message: 'person not found' }, { status: 404, statusText: 'Not Found' });
    await settle(fixture);
    expect(toggle().getAttribute('aria-checked')).toBe('true');
    expect(toastText()).toContain('Could not change Alice: person not found');
  });

  it('opens "Who is in this photo?"', async () => {
    buttonNamed(page, 'Who is in a photo?')?.click();
    await settle(fixture);
    expect(overlay().querySelector('h2')?.textContent?.trim()).toBe('Who is in this photo?');
  });

  it('deletes a person after confirmation', async () => {
    buttonNamed(page, 'Delete Bob')?.click();
    await settle(fixture);
    expect(overlay().textContent).toContain('Delete Bob?');
    buttonNamed(overlay(), 'Cancel')?.click();
    await settle(fixture);
    t.http.expectNone('/api/people/p2');

    buttonNamed(page, 'Delete Bob')?.click();
    await settle(fixture);
    buttonNamed(overlay(), 'Delete')?.click();
    await settle(fixture);
    const request = t.http.expectOne('/api/people/p2');
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(toastText()).toContain('Deleted Bob');
    listRequest().flush(pageOf([alice], 1, 1, 20));
    await settle(fixture);
    expect(names()).toEqual(['Alice']);
  });
});
