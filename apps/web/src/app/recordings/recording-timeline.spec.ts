import { ComponentFixture, TestBed } from '@angular/core/testing';
import { setUpConsole } from '../../testing/console-testing';
import { RecordingTimeline } from './recording-timeline';

describe('RecordingTimeline', () => {
  const day = new Date(2026, 2, 1).getTime();
  const at = (h: number, m = 0, s = 0) => new Date(2026, 2, 1, h, m, s).getTime();
  let fixture: ComponentFixture<RecordingTimeline>;
  let seeks: number[];

  async function render(inputs: Record<string, unknown> = {}): Promise<HTMLElement> {
    setUpConsole();
    fixture = TestBed.createComponent(RecordingTimeline);
    fixture.componentRef.setInput('start', day);
    fixture.componentRef.setInput('end', day + 24 * 3600_000);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    seeks = [];
    fixture.componentInstance.seek.subscribe((moment) => seeks.push(moment));
    await fixture.whenStable();
    return fixture.nativeElement.querySelector('[role=slider]') as HTMLElement;
  }

  function pointer(target: HTMLElement, type: string, clientX: number): void {
    const event = new MouseEvent(type, { clientX, button: 0, bubbles: true });
    Object.defineProperty(event, 'pointerId', { value: 1 });
    target.dispatchEvent(event);
  }

  it('draws the spans and the alerts where they lie in the day', async () => {
    const bar = await render({
      spans: [{ start: at(6), end: at(12) }],
      alerts: [{ alertId: 'a1', at: at(18), label: 'Alice' }],
    });
    const span = bar.querySelector<HTMLElement>('[data-testid=span]');
    expect([span?.style.left, span?.style.width]).toEqual(['25%', '25%']);
    const marker = bar.querySelector<HTMLElement>('[data-testid=alert-marker]');
    expect(marker?.style.left).toBe('75%');
    expect(marker?.getAttribute('title')).toBe('18:00:00 Alice');
    expect(bar.querySelector('[data-testid=cursor]')).toBeNull();
  });

  it('labels round local times of a zoomed stretch', async () => {
    const bar = await render({ start: at(14, 14, 52), end: at(14, 24, 52) });
    const ticks = [...fixture.nativeElement.querySelectorAll('[aria-hidden=true] span')].map((tick) => tick.textContent?.trim());
    expect(ticks).toEqual(['14:16', '14:18', '14:20', '14:22', '14:24']);
    expect(bar.getAttribute('aria-valuemax')).toBe('600');
  });

  it('is a named slider over the day that says the moment it is at', async () => {
    const bar = await render({ position: at(13, 30, 5), label: 'Play position on 2026-03-01' });
    expect(bar.getAttribute('aria-label')).toBe('Play position on 2026-03-01');
    expect(bar.getAttribute('tabindex')).toBe('0');
    expect([bar.getAttribute('aria-valuemin'), bar.getAttribute('aria-valuemax')]).toEqual(['0', '86400']);
    expect(bar.getAttribute('aria-valuenow')).toBe(String(13 * 3600 + 30 * 60 + 5));
    expect(bar.getAttribute('aria-valuetext')).toBe('13:30:05');
  });

  it('picks the moment clicked, or where a drag is released, showing it while dragging', async () => {
    const bar = await render();
    bar.getBoundingClientRect = () => ({ left: 100, width: 480, top: 0, height: 56, right: 580, bottom: 56, x: 100, y: 0, toJSON: () => ({}) });
    pointer(bar, 'pointerdown', 340); // half-way: noon
    pointer(bar, 'pointermove', 220); // a quarter: 06:00
    await fixture.whenStable();
    expect(bar.getAttribute('aria-valuetext')).toBe('06:00:00');
    expect(seeks).toEqual([]);
    pointer(bar, 'pointerup', 220);
    expect(seeks).toEqual([at(6)]);
    pointer(bar, 'pointermove', 400); // no button down: nothing
    pointer(bar, 'pointerdown', 580);
    pointer(bar, 'pointerup', 580);
    expect(seeks).toEqual([at(6), at(23, 59, 59)]); // the day's last second
  });

  it('moves with the keyboard from the position', async () => {
    const bar = await render({ position: at(10) });
    const press = (key: string, shiftKey = false) => bar.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true }));
    press('ArrowRight');
    press('ArrowLeft', true);
    press('PageUp');
    press('Home');
    press('End');
    press('a');
    expect(seeks).toEqual([at(10, 0, 10), at(9, 59), at(10, 10), day, at(23, 59, 59)]);
  });
});
