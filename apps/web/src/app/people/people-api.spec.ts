import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { ConsoleTesting, setUpConsole } from '../../testing/console-testing';
import { aFace, pageOf } from '../../testing/fixtures';
import { PeopleApi } from './people-api';

describe('PeopleApi', () => {
  let t: ConsoleTesting;
  let api: PeopleApi;

  beforeEach(() => {
    t = setUpConsole();
    api = TestBed.inject(PeopleApi);
  });

  afterEach(() => t.http.verify());

  it('sends only the query parameters given, and escapes ids', () => {
    api.list({ page: 2, limit: 10, q: '' }).subscribe();
    const list = t.http.expectOne((req) => req.url === '/api/people');
    expect(list.request.params.keys().sort()).toEqual(['limit', 'page']);
    list.flush(pageOf([]));

    api.removeFace('p/1', 'f 1').subscribe();
    expect(t.http.expectOne('/api/people/p%2F1/faces/f%201').request.method).toBe('DELETE');
  });

  it('sends a photo as the raw body with its own type, and one of unknown type as bytes the API will refuse', async () => {
    const png = new Blob([new Uint8Array([0x89, 0x50])], { type: 'image/png' });
    const added = firstValueFrom(api.addFace('p1', png));
    const request = t.http.expectOne('/api/people/p1/faces');
    expect(request.request.body).toBe(png);
    expect(request.request.headers.get('Content-Type')).toBe('image/png');
    request.flush(aFace());
    expect(await added).toEqual(aFace());

    api.addFace('p1', new Blob([new Uint8Array([1])])).subscribe({ error: () => undefined });
    const untyped = t.http.expectOne('/api/people/p1/faces');
    expect(untyped.request.headers.get('Content-Type')).toBe('application/octet-stream');
    untyped.flush({ statusCode: 415, message: 'send a JPEG or PNG image' }, { status: 415, statusText: 'Unsupported Media Type' });
  });
});
