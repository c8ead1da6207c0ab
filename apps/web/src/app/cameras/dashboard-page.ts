import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { CurrentUser } from '../auth/current-user';
import { CameraActions } from './camera-actions';
import { CameraStore } from './camera-store';
import { CameraTile } from './tile/camera-tile';

/** Which cameras the grid lists; maps onto the API's `enabled` query. */
export type EnabledFilter = 'all' | 'enabled' | 'disabled';

@Component({
  selector: 'app-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatButtonToggleModule, MatIconModule, MatProgressBarModule, CameraTile],
  templateUrl: './dashboard-page.html',
})
export class DashboardPage {
  private readonly store = inject(CameraStore);
  protected readonly actions = inject(CameraActions);
  protected readonly canAdd = inject(CurrentUser).canCreateCameras;

  protected readonly filter = signal<EnabledFilter>('all');
  protected readonly cameras = this.store.cameras;
  protected readonly total = this.store.total;
  protected readonly loading = computed(() => this.store.state() === 'loading');
  protected readonly failed = computed(() => this.store.state() === 'failed');
  protected readonly loaded = computed(() => this.store.state() === 'loaded');

  constructor() {
    effect(() => {
      const filter = this.filter();
      untracked(() => this.store.load(filter === 'all' ? undefined : filter === 'enabled'));
    });
  }

  protected reload(): void {
    const filter = this.filter();
    this.store.load(filter === 'all' ? undefined : filter === 'enabled');
  }
}
