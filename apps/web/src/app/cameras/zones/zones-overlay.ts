import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { CameraZone, ZONE_KIND_LABELS, labelPosition, svgPoints } from './zone-model';

/**
 * A camera's masks and zones drawn over its picture (the parent is positioned and has the
 * picture's aspect ratio): masks hatched red, zones outlined green, each with its name. Clicks go
 * through to the picture.
 */
@Component({
  selector: 'app-zones-overlay',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'pointer-events-none absolute inset-0 block', role: 'img', '[attr.aria-label]': 'description()' },
  template: `
    <svg class="absolute inset-0 h-full w-full" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
      <defs>
        <pattern id="argus-mask-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="4" height="4" fill="rgb(220 38 38 / 0.25)" />
          <line x1="0" y1="0" x2="0" y2="4" stroke="rgb(220 38 38 / 0.6)" stroke-width="1.5" />
        </pattern>
      </defs>
      @for (zone of shapes(); track zone.name) {
        <polygon
          [attr.points]="zone.svg"
          [attr.fill]="zone.kind === 'mask' ? 'url(#argus-mask-hatch)' : 'rgb(34 197 94 / 0.18)'"
          [attr.stroke]="zone.kind === 'mask' ? 'rgb(248 113 113)' : 'rgb(74 222 128)'"
          stroke-width="2"
          vector-effect="non-scaling-stroke"
          [attr.data-kind]="zone.kind"
        />
      }
    </svg>
    @for (zone of shapes(); track zone.name) {
      <span
        class="absolute -translate-x-1/2 -translate-y-1/2 whitespace-nowrap rounded bg-black/60 px-1 text-xs text-white"
        [style.left.%]="zone.left"
        [style.top.%]="zone.top"
        aria-hidden="true"
        >{{ zone.name }}</span
      >
    }
  `,
})
export class ZonesOverlay {
  readonly zones = input.required<readonly CameraZone[]>();

  protected readonly shapes = computed(() =>
    this.zones().map((zone) => {
      const [x, y] = labelPosition(zone.points as [number, number][]);
      return { name: zone.name, kind: zone.kind, svg: svgPoints(zone.points as [number, number][]), left: percent(x), top: percent(y) };
    }),
  );

  protected readonly description = computed(() => {
    const zones = this.zones();
    if (zones.length === 0) return 'No zones or masks';
    return `Zones and masks: ${zones.map((zone) => `${zone.name} (${ZONE_KIND_LABELS[zone.kind].toLowerCase()})`).join(', ')}`;
  });
}

const percent = (fraction: number) => Math.round(fraction * 10_000) / 100;
