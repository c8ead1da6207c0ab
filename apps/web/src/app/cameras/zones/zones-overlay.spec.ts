import { TestBed } from '@angular/core/testing';
import { ZonesOverlay } from './zones-overlay';

describe('ZonesOverlay', () => {
  it('draws each zone and mask with its name and describes them for screen readers', async () => {
    const fixture = TestBed.createComponent(ZonesOverlay);
    fixture.componentRef.setInput('zones', [
      { name: 'Doorstep', kind: 'zone', points: [[0.1, 0.2], [0.5, 0.2], [0.5, 0.8]] },
      { name: 'Poster', kind: 'mask', points: [[0.6, 0], [1, 0], [1, 0.5], [0.6, 0.5]] },
    ]);
    await fixture.whenStable();
    const host: HTMLElement = fixture.nativeElement;
    const polygons = [...host.querySelectorAll('polygon')];
    expect(polygons.map((p) => [p.getAttribute('points'), p.getAttribute('data-kind')])).toEqual([
      ['10,20 50,20 50,80', 'zone'],
      ['60,0 100,0 100,50 60,50', 'mask'],
    ]);
    expect([...host.querySelectorAll('span')].map((s) => [s.textContent?.trim(), s.style.left, s.style.top])).toEqual([
      ['Doorstep', '36.67%', '40%'],
      ['Poster', '80%', '25%'],
    ]);
    expect(host.getAttribute('role')).toBe('img');
    expect(host.getAttribute('aria-label')).toBe('Zones and masks: Doorstep (zone), Poster (mask)');
  });
});
