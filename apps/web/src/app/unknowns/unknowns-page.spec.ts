import { ComponentFixture, TestBed } from '@angular/core/testing';
import { TestRequest } from '@angular/common/http/testing';
import { ConsoleTesting, buttonNamed, optionNamed, settle, setUpConsole, toastText, typeInto } from '../../testing/console-testing';
import { aCamera, aPerson, anAlert, anUnknownGroup, pageOf } from '../../testing/fixtures';
import { AlertIdentityLabel } from '../alerts/alert-identity';
import { PERSON_SEARCH_DEBOUNCE_MS } from '../people/person-picker';
import { UnknownsPage } from './unknowns-page';

describe('UnknownsPage', () => {
  let t: ConsoleTesting;
  let fixture: ComponentFixture<UnknownsPage>;
  let page: HTMLElement;

  const three = anUnknownGroup({ id: 'g3', number: 3, faceCount: 4, cameraIds: ['c1', 'c2'] });
  const twelve = anUnknownGroup({ id: 'group-0000abc123', number: 12, faceCount: 1, cameraIds: ['gone'], sampleUrls: ['/s/x.jpg'] });

  beforeEach(async () => {
    t = setUpConsole();
    fixture = TestBed.createComponent(UnknownsPage);
    page = fixture.nativeElement;
    await fixture.whenStable();
    t.http.expectOne((req) => req.url === '/api/cameras').flush(pageOf([aCamera({ id: 'c1', name: 'Front door' }), aCamera({ id: 'c2', name: 'Garage' })]));
    const first = listRequest();
    expect(first.request.params.get('page')).toBe('1');
    expect(first.request.params.get('limit')).toBe('20');
    first.flush(pageOf([three, twelve], 2, 1, 20));
    await settle(fixture);
  });

  afterEach(() => t.http.verify());

  const listRequest = (): TestRequest => t.http.expectOne((req) => req.url === '/api/unknowns');
  const overlay = () => document.querySelector('.cdk-overlay-container') as HTMLElement;
  const headings = () => [...page.querySelectorAll('li h2')].map((h) => h.textContent?.trim());

  it('shows each group with its samples, its cameras by name and when it was seen', () => {
    expect(headings()).toEqual(['Unknown #3', 'Unknown #12']);
    const cards = [...page.querySelectorAll('ul[aria-label="Unknown faces"] > li')];
    expect([...cards[0].querySelectorAll('img')].map((img) => [img.getAttribute('src'), img.getAttribute('alt')])).toEqual([
      ['/api/unknowns/g1/0.jpg?sig=x', 'Unknown #3, face 1'],
      ['/api/unknowns/g1/1.jpg?sig=x', 'Unknown #3, face 2'],
    ]);
    expect(cards[0].querySelector('[data-testid=unknown-facts]')?.textContent?.trim()).toBe('4 sightings on Front door, Garage');
    expect(cards[1].querySelector('[data-testid=unknown-facts]')?.textContent?.trim()).toBe('1 sighting on an unlisted camera');
    expect([...cards[0].querySelectorAll('time')].map((time) => time.getAttribute('datetime'))).toEqual([three.firstSeen, three.lastSeen]);
  });

  it('lends the group numbers to the names on alerts', () => {
    expect(TestBed.inject(AlertIdentityLabel).of(anAlert({ person: null, unknownId: 'g3' }))).toBe('Unknown #3');
  });

  it('names a group after someone known, picked by name', async () => {
    buttonNamed(page, 'Name Unknown #3')?.click();
    await settle(fixture);
    expect(overlay().querySelector('h2')?.textContent?.trim()).toBe('Who is Unknown #3?');
    expect(buttonNamed(overlay(), 'Assign')?.disabled).toBe(true);
    typeInto(overlay(), 'Person', 'ali');
    await settle(fixture, PERSON_SEARCH_DEBOUNCE_MS + 50);
    t.http.expectOne((req) => req.url === '/api/people' && req.params.get('q') === 'ali').flush(pageOf([aPerson({ id: 'p1', name: 'Alice' })]));
    await settle(fixture);
    optionNamed('Alice')?.click();
    await settle(fixture);
    buttonNamed(overlay(), 'Assign')?.click();
    const request = t.http.expectOne('/api/unknowns/g3/assign');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ personId: 'p1' });
    request.flush(aPerson({ id: 'p1', name: 'Alice', faceCount: 6 }));
    await settle(fixture);
    expect(headings()).toEqual(['Unknown #12']);
    expect(toastText()).toContain('Unknown #3 is now Alice');
  });

  it('names a group as a new person, showing the API’s refusal', async () => {
    buttonNamed(page, 'Name Unknown #12')?.click();
    await settle(fixture);
    buttonNamed(overlay(), 'A new person')?.click();
    await settle(fixture);
    typeInto(overlay(), 'Name', ' Dana ');
    await settle(fixture);
    buttonNamed(overlay(), 'Assign')?.click();
    const refused = t.http.expectOne('/api/unknowns/group-0000abc123/assign');
    expect(refused.request.body).toEqual({ name: 'Dana' });
    refused.flush({ statusCode: 409, message: 'a person named Dana already exists' }, { status: 409, statusText: 'Conflict' });
    await settle(fixture);
    expect(overlay().querySelector('[role=alert]')?.textContent?.trim()).toBe('a person named Dana already exists');
    expect(headings()).toHaveLength(2);
  });

  it('dismisses a group after confirmation', async () => {
    buttonNamed(page, 'Dismiss Unknown #3')?.click();
    await settle(fixture);
    expect(overlay().textContent).toContain('Dismiss Unknown #3?');
    buttonNamed(overlay(), 'Dismiss')?.click();
    await settle(fixture);
    const request = t.http.expectOne('/api/unknowns/g3');
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(headings()).toEqual(['Unknown #12']);
    expect(toastText()).toContain('Dismissed Unknown #3');
  });

  it('fetches the page again, once, when sample links expired', async () => {
    page.querySelector('ul[aria-label="Unknown faces"] img')?.dispatchEvent(new Event('error'));
    await settle(fixture);
    listRequest().flush(pageOf([anUnknownGroup({ id: 'g3', number: 3, sampleUrls: ['/s/fresh.jpg'] })], 1, 1, 20));
    await settle(fixture);
    expect(page.querySelector('ul[aria-label="Unknown faces"] img')?.getAttribute('src')).toBe('/s/fresh.jpg');
    page.querySelector('ul[aria-label="Unknown faces"] img')?.dispatchEvent(new Event('error'));
    await settle(fixture);
    t.http.expectNone((req) => req.url === '/api/unknowns');
  });

  it('says when there is no one to name', async () => {
    buttonNamed(page, 'Refresh')?.click();
    await settle(fixture);
    listRequest().flush(pageOf([], 0, 1, 20));
    await settle(fixture);
    expect(page.textContent).toContain('No unknown faces');
  });
});
