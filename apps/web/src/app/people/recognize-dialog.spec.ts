import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { ConsoleTesting, setUpConsole } from '../../testing/console-testing';
import { RecognizeDialog } from './recognize-dialog';

describe('RecognizeDialog', () => {
  let t: ConsoleTesting;
  let dialog: HTMLElement;
  const created = jest.fn(() => 'blob:photo');
  const revoked = jest.fn();

  beforeEach(async () => {
    // jsdom has no object URLs.
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: revoked });
    t = setUpConsole();
    TestBed.inject(MatDialog).open(RecognizeDialog);
    await settle();
    dialog = document.querySelector('mat-dialog-container') as HTMLElement;
  });

  afterEach(() => t.http.verify());

  async function settle(): Promise<void> {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }

  function choose(photo: File): void {
    const input = dialog.querySelector('input[type=file]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [photo], configurable: true });
    input.dispatchEvent(new Event('change'));
  }

  const found = () => [...dialog.querySelectorAll('ul[aria-label="Faces found"] li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());

  it('sends the photo as it is and marks each face with whom it matches', async () => {
    const photo = new File([new Uint8Array([0xff, 0xd8])], 'party.jpg', { type: 'image/jpeg' });
    choose(photo);
    await settle();
    const request = t.http.expectOne('/api/recognize');
    expect(request.request.body).toBe(photo);
    expect(request.request.headers.get('Content-Type')).toBe('image/jpeg');
    request.flush({
      width: 800,
      height: 400,
      faces: [
        { box: { x: 80, y: 40, width: 160, height: 200 }, score: 0.98, person: { id: 'p1', name: 'Alice', similarity: 0.87 } },
        { box: { x: 400, y: 100, width: 100, height: 100 }, score: 0.9, person: null },
      ],
    });
    await settle();
    expect(dialog.querySelector('img')?.getAttribute('src')).toBe('blob:photo');
    expect(found()).toEqual(['Face 1: Alice (87% alike)', 'Face 2: nobody known']);
    const boxes = [...dialog.querySelectorAll<HTMLElement>('.relative > div.absolute')];
    expect(boxes.map((box) => [box.style.left, box.style.top, box.style.width, box.style.height, box.textContent?.trim()])).toEqual([
      ['10%', '10%', '20%', '50%', 'Alice'],
      ['50%', '25%', '12.5%', '25%', 'Unknown'],
    ]);
  });

  it('shows the API’s reason when the photo is refused, and forgets the old preview', async () => {
    choose(new File([new Uint8Array([1])], 'a.jpg', { type: 'image/jpeg' }));
    await settle();
    t.http.expectOne('/api/recognize').flush({ width: 10, height: 10, faces: [] });
    await settle();
    expect(found()).toEqual(['No face found in this photo.']);

    choose(new File([new Uint8Array([1])], 'b.gif', { type: 'image/gif' }));
    await settle();
    expect(revoked).toHaveBeenCalledWith('blob:photo');
    t.http.expectOne('/api/recognize').flush({ statusCode: 415, message: 'send a JPEG or PNG image' }, { status: 415, statusText: 'Unsupported Media Type' });
    await settle();
    expect(dialog.querySelector('[role=alert]')?.textContent?.trim()).toBe('send a JPEG or PNG image');
    expect(found()).toEqual([]);
  });
});
