import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { ConsoleTesting, buttonNamed, settle, setUpConsole, toastText, visibleName } from '../../testing/console-testing';
import { aFace, aPerson } from '../../testing/fixtures';
import { PersonPage } from './person-page';

describe('PersonPage', () => {
  let t: ConsoleTesting;
  let fixture: ComponentFixture<PersonPage>;
  let page: HTMLElement;

  const alice = aPerson({ id: 'p1', name: 'Alice', faceCount: 2 });
  const faces = [aFace({ id: 'f1', imageUrl: '/api/faces/f1.jpg?sig=a' }), aFace({ id: 'f2', imageUrl: '/api/faces/f2.jpg?sig=b', quality: 0.5 })];

  async function render(): Promise<void> {
    t = setUpConsole();
    fixture = TestBed.createComponent(PersonPage);
    fixture.componentRef.setInput('id', 'p1');
    page = fixture.nativeElement;
    await fixture.whenStable();
  }

  async function renderLoaded(): Promise<void> {
    await render();
    t.http.expectOne('/api/people/p1').flush(alice);
    t.http.expectOne('/api/people/p1/faces').flush(faces);
    await settle(fixture);
  }

  afterEach(() => t.http.verify());

  const images = () => [...page.querySelectorAll('ul[aria-label=Faces] img')].map((img) => [img.getAttribute('src'), img.getAttribute('alt')?.split(',')[0]]);
  const summary = () => page.querySelector('[data-testid=person-summary]')?.textContent?.replace(/\s+/g, ' ').trim();
  const uploads = () => [...page.querySelectorAll('ul[aria-label=Uploads] li')].map((li) => visibleName(li));

  function choose(...files: File[]): void {
    const input = page.querySelector('input[type=file]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    input.dispatchEvent(new Event('change'));
  }

  const photo = (name: string, type = 'image/jpeg') => new File([new Uint8Array([0xff, 0xd8, 0xff])], name, { type });

  it('shows the person and their faces from the links the API signed', async () => {
    await renderLoaded();
    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Alice');
    expect(summary()).toBe('Trusted: seeing them raises no alert · 2 faces');
    expect(images()).toEqual([
      ['/api/faces/f1.jpg?sig=a', 'Face 1 of Alice'],
      ['/api/faces/f2.jpg?sig=b', 'Face 2 of Alice'],
    ]);
    expect(page.textContent).toContain('Quality 50%');
  });

  it('fetches the faces again, once, when their signed links expired', async () => {
    await renderLoaded();
    page.querySelector('ul[aria-label=Faces] img')?.dispatchEvent(new Event('error'));
    t.http.expectOne('/api/people/p1/faces').flush([aFace({ id: 'f1', imageUrl: '/api/faces/f1.jpg?sig=fresh' })]);
    await settle(fixture);
    expect(images().map(([src]) => src)).toEqual(['/api/faces/f1.jpg?sig=fresh']);
    page.querySelector('ul[aria-label=Faces] img')?.dispatchEvent(new Event('error'));
    t.http.expectNone('/api/people/p1/faces');
  });

  it('says when the person cannot be loaded, and retries', async () => {
    await render();
    t.http.expectOne('/api/people/p1').flush({ statusCode: 404, message: 'person not found' }, { status: 404, statusText: 'Not Found' });
    expect(t.http.expectOne('/api/people/p1/faces').cancelled).toBe(true);
    await settle(fixture);
    expect(page.querySelector('[role=alert]')?.textContent).toContain('Could not load this person.');
    buttonNamed(page, 'Retry')?.click();
    t.http.expectOne('/api/people/p1').flush(alice);
    t.http.expectOne('/api/people/p1/faces').flush([]);
    await settle(fixture);
    expect(page.textContent).toContain('No faces yet');
  });

  it('uploads several photos, each as its own request with its own type, and says how each went', async () => {
    await renderLoaded();
    choose(photo('front.jpg'), photo('group.png', 'image/png'), photo('scan.gif', 'image/gif'));
    await settle(fixture);
    // Two at a time; the third waits.
    const sent = t.http.match((req) => req.url === '/api/people/p1/faces' && req.method === 'POST');
    expect(sent).toHaveLength(2);
    expect(sent.map((req) => [req.request.headers.get('Content-Type'), (req.request.body as File).name])).toEqual([
      ['image/jpeg', 'front.jpg'],
      ['image/png', 'group.png'],
    ]);
    expect(uploads()).toEqual(['front.jpg: uploading…', 'group.png: uploading…', 'scan.gif: uploading…']);

    sent[0].flush(aFace({ id: 'f3', imageUrl: '/api/faces/f3.jpg?sig=c' }), { status: 201, statusText: 'Created' });
    sent[1].flush(
      { statusCode: 422, message: 'several faces and none clearly the main one' },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle(fixture);
    const third = t.http.expectOne((req) => req.url === '/api/people/p1/faces' && req.method === 'POST');
    expect(third.request.headers.get('Content-Type')).toBe('image/gif');
    third.flush({ statusCode: 415, message: 'send a JPEG or PNG image' }, { status: 415, statusText: 'Unsupported Media Type' });
    await settle(fixture);

    expect(uploads()).toEqual([
      'front.jpg: face added',
      'group.png: several faces and none clearly the main one',
      'scan.gif: send a JPEG or PNG image',
    ]);
    expect(images().map(([src]) => src)).toEqual(['/api/faces/f1.jpg?sig=a', '/api/faces/f2.jpg?sig=b', '/api/faces/f3.jpg?sig=c']);
    expect(summary()).toContain('3 faces');
  });

  it('takes photos dropped on the zone and says when one is too large', async () => {
    await renderLoaded();
    const drop = new Event('drop', { cancelable: true }) as Event & { dataTransfer: unknown };
    drop.dataTransfer = { files: [photo('huge.jpg')] };
    page.querySelector('[data-testid=drop-zone]')?.dispatchEvent(drop);
    await settle(fixture);
    expect(drop.defaultPrevented).toBe(true);
    t.http
      .expectOne('/api/people/p1/faces')
      .flush({ statusCode: 413, message: 'the image is larger than 10 MB' }, { status: 413, statusText: 'Payload Too Large' });
    await settle(fixture);
    expect(uploads()).toEqual(['huge.jpg: the image is larger than 10 MB']);
  });

  it('deletes a face', async () => {
    await renderLoaded();
    buttonNamed(page, 'Delete face 1 of Alice')?.click();
    const request = t.http.expectOne('/api/people/p1/faces/f1');
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(images().map(([src]) => src)).toEqual(['/api/faces/f2.jpg?sig=b']);
    expect(summary()).toContain('1 face');
    expect(toastText()).toContain('Face deleted');
  });

  it('deletes the person after confirmation and goes back to the list', async () => {
    await renderLoaded();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    buttonNamed(page, 'Delete')?.click();
    await settle(fixture);
    const overlay = document.querySelector('.cdk-overlay-container') as HTMLElement;
    expect(overlay.textContent).toContain('Delete Alice?');
    buttonNamed(overlay, 'Delete')?.click();
    await settle(fixture);
    t.http.expectOne('/api/people/p1').flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/people']);
    expect(toastText()).toContain('Deleted Alice');
  });
});
