import { ComponentFixture, TestBed } from '@angular/core/testing';
import { TestRequest } from '@angular/common/http/testing';
import { ConsoleTesting, buttonNamed, optionNamed, settle, setUpConsole, toastText, typeInto } from '../../testing/console-testing';
import { aCamera, aPerson, anAlert, pageOf } from '../../testing/fixtures';
import { PERSON_SEARCH_DEBOUNCE_MS } from '../people/person-picker';
import { AlertsPage } from './alerts-page';

describe('AlertsPage: who was seen', () => {
  let t: ConsoleTesting;
  let fixture: ComponentFixture<AlertsPage>;
  let page: HTMLElement;

  const alice = { id: 'p1', name: 'Alice', similarity: 0.82 };
  const alerts = [
    anAlert({ alertId: 'a1', person: alice }),
    anAlert({ alertId: 'a2', person: null, unknownId: 'group-0000abc123' }),
    anAlert({ alertId: 'a3' }),
  ];

  async function render(role: 'viewer' | 'operator'): Promise<void> {
    t = setUpConsole();
    fixture = TestBed.createComponent(AlertsPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    t.http.expectOne((req) => req.url === '/api/cameras').flush(pageOf([aCamera({ id: 'c1', name: 'Front door' })]));
    t.signedInAs({ role });
    alertRequest().flush(pageOf(alerts, 3, 1, 20));
    await settle(fixture);
  }

  afterEach(() => t.http.verify());

  const alertRequest = (): TestRequest => t.http.expectOne((req) => req.url === '/api/alerts');
  const overlay = () => document.querySelector('.cdk-overlay-container') as HTMLElement;
  const whoCells = () => [...page.querySelectorAll('td.mat-column-who')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim());

  async function pickPerson(root: ParentNode, label: string, q: string, name: string): Promise<void> {
    typeInto(root, label, q);
    await settle(fixture, PERSON_SEARCH_DEBOUNCE_MS + 50);
    const search = t.http.expectOne((req) => req.url === '/api/people');
    expect(search.request.params.get('q')).toBe(q);
    search.flush(pageOf([aPerson({ id: 'p2', name }), aPerson({ id: 'p3', name: `${name}by` })]));
    await settle(fixture);
    optionNamed(name)?.click();
    await settle(fixture);
  }

  it('names the person or the stranger; viewers may not correct nor pick a person, but filter the unknown', async () => {
    await render('viewer');
    expect(whoCells()).toEqual(['Alice (82%)', 'Unknown #abc123', '—']);
    expect([...page.querySelectorAll('button')].filter((b) => /Not this person\?|Name this face/.test(b.textContent ?? ''))).toEqual([]);
    expect(page.querySelector('app-person-picker')).toBeNull();

    (page.querySelector('mat-checkbox input') as HTMLInputElement).click();
    await settle(fixture);
    const request = alertRequest();
    expect(request.request.params.get('unknown')).toBe('true');
    expect(request.request.params.has('personId')).toBe(false);
    request.flush(pageOf([]));
  });

  it('shows an alert again when the server says it changed', async () => {
    await render('viewer');
    t.sockets[0].fire('alert_updated', anAlert({ alertId: 'a3', person: { id: 'p9', name: 'Zoe', similarity: 0.9 } }));
    t.sockets[0].fire('alert_updated', anAlert({ alertId: 'not-shown', person: alice }));
    await settle(fixture);
    expect(whoCells()).toEqual(['Alice (82%)', 'Unknown #abc123', 'Zoe (90%)']);
  });

  it('"Not this person?" names the right person through the API', async () => {
    await render('operator');
    const correct = [...page.querySelectorAll('button')].find((b) => b.getAttribute('aria-label')?.startsWith('Not this person? Alice, Front door at '));
    expect(correct?.textContent?.trim()).toBe('Not this person?');
    correct?.click();
    await settle(fixture);
    expect(overlay().textContent).toContain('Recognised as Alice (82% alike)');
    expect(buttonNamed(overlay(), 'Save')?.disabled).toBe(true);

    await pickPerson(overlay(), 'The right person', 'Bo', 'Bob');
    buttonNamed(overlay(), 'Save')?.click();
    const request = t.http.expectOne('/api/alerts/a1/identity');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ personId: 'p2' });
    request.flush(anAlert({ alertId: 'a1', person: { id: 'p2', name: 'Bob', similarity: 0.82 } }));
    await settle(fixture);
    expect(whoCells()[0]).toBe('Bob (82%) Not this person?');
    expect(toastText()).toContain('Now Bob');
  });

  it('"Not this person?" can say nobody known, and shows the API’s refusal', async () => {
    await render('operator');
    [...page.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Not this person?')?.click();
    await settle(fixture);
    buttonNamed(overlay(), 'Nobody I know')?.click();
    const refused = t.http.expectOne('/api/alerts/a1/identity');
    expect(refused.request.body).toEqual({ personId: null });
    refused.flush({ statusCode: 404, message: 'alert not found' }, { status: 404, statusText: 'Not Found' });
    await settle(fixture);
    expect(overlay().querySelector('[role=alert]')?.textContent?.trim()).toBe('alert not found');

    buttonNamed(overlay(), 'Nobody I know')?.click();
    t.http.expectOne('/api/alerts/a1/identity').flush(anAlert({ alertId: 'a1', person: null, unknownId: 'group-0000def456' }));
    await settle(fixture);
    expect(whoCells()[0]).toBe('Unknown #def456 Name this face');
  });

  it('calls a face that matches nobody and has no group "Unknown", which can still be named', async () => {
    await render('operator');
    t.sockets[0].fire('alert_updated', anAlert({ alertId: 'a1', person: null, unknownId: null }));
    await settle(fixture);
    expect(whoCells()[0]).toBe('Unknown Name this face');
  });

  it('"Name this face" puts a stranger’s face with a known person', async () => {
    await render('operator');
    expect(whoCells()[1]).toBe('Unknown #abc123 Name this face');
    [...page.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Name this face')?.click();
    await settle(fixture);
    expect(buttonNamed(overlay(), 'Nobody I know')).toBeUndefined();
    await pickPerson(overlay(), 'The right person', 'Bo', 'Bob');
    buttonNamed(overlay(), 'Save')?.click();
    const request = t.http.expectOne('/api/alerts/a2/identity');
    expect(request.request.body).toEqual({ personId: 'p2' });
    request.flush(anAlert({ alertId: 'a2', person: { id: 'p2', name: 'Bob', similarity: 1 } }));
    await settle(fixture);
    expect(whoCells()[1]).toBe('Bob (100%) Not this person?');
  });

  it('filters by a person picked by name, and by unknown faces instead', async () => {
    await render('operator');
    await pickPerson(page, 'Person', 'Bo', 'Bob');
    const byPerson = alertRequest();
    expect(byPerson.request.params.get('personId')).toBe('p2');
    expect(byPerson.request.params.get('page')).toBe('1');
    byPerson.flush(pageOf([]));
    await settle(fixture);

    (page.querySelector('mat-checkbox input') as HTMLInputElement).click();
    await settle(fixture);
    const unknown = alertRequest();
    expect(unknown.request.params.get('unknown')).toBe('true');
    expect(unknown.request.params.has('personId')).toBe(false);
    unknown.flush(pageOf([]));
    await settle(fixture);
    expect((page.querySelector('app-person-picker input') as HTMLInputElement).value).toBe('');
  });
});
