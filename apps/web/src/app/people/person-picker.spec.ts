import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ConsoleTesting, optionNamed, settle, setUpConsole, typeInto } from '../../testing/console-testing';
import { aPerson, pageOf } from '../../testing/fixtures';
import { PERSON_SEARCH_DEBOUNCE_MS, PersonPicker } from './person-picker';

describe('PersonPicker', () => {
  let t: ConsoleTesting;
  let fixture: ComponentFixture<PersonPicker>;
  let host: HTMLElement;

  beforeEach(async () => {
    t = setUpConsole();
    fixture = TestBed.createComponent(PersonPicker);
    fixture.componentRef.setInput('label', 'Who');
    host = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => t.http.verify());

  const input = () => host.querySelector('input') as HTMLInputElement;
  const options = () => [...document.querySelectorAll('mat-option')].map((option) => option.textContent?.trim());

  async function search(q: string) {
    typeInto(host, 'Who', q);
    await settle(fixture, PERSON_SEARCH_DEBOUNCE_MS + 50);
    return t.http.expectOne((req) => req.url === '/api/people');
  }

  it('searches names once typing pauses, and picking one sets the person; typing again drops it', async () => {
    const request = await search(' al ');
    expect(request.request.params.get('q')).toBe('al');
    expect(request.request.params.get('limit')).toBe('10');
    request.flush(pageOf([aPerson({ id: 'p1', name: 'Alice' }), aPerson({ id: 'p2', name: 'Alan' })]));
    await settle(fixture);
    expect(options()).toEqual(['Alice', 'Alan']);
    optionNamed('Alan')?.click();
    await settle(fixture);
    expect(fixture.componentInstance.person()?.id).toBe('p2');
    expect(input().value).toBe('Alan');

    typeInto(host, 'Who', 'Ala');
    expect(fixture.componentInstance.person()).toBeNull();
    await settle(fixture, PERSON_SEARCH_DEBOUNCE_MS + 50);
    t.http.expectOne((req) => req.url === '/api/people').flush(pageOf([]));
  });

  it('says when no one matches, also when the search fails', async () => {
    (await search('zed')).flush(pageOf([]));
    await settle(fixture);
    expect(options()).toEqual(['No one by that name']);
    (await search('zz')).flush({ statusCode: 500, message: 'boom' }, { status: 500, statusText: 'Server Error' });
    await settle(fixture);
    expect(options()).toEqual(['No one by that name']);
  });

  it('shows a person chosen from outside, and an empty field once cleared', async () => {
    fixture.componentInstance.person.set(aPerson({ name: 'Alice' }));
    await settle(fixture);
    expect(input().value).toBe('Alice');
    fixture.componentInstance.person.set(null);
    await settle(fixture);
    expect(input().value).toBe('');
    t.http.expectNone((req) => req.url === '/api/people');
  });
});
