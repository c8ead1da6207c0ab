import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { forkJoin } from 'rxjs';
import { Camera } from '../cameras/camera';
import { CameraApi } from '../cameras/camera-api';
import { ClusterApi, ClusterNode } from './cluster-api';

/** How often the page asks again (nodes announce themselves every second). */
export const CLUSTER_REFRESH_MS = 5000;

const ROLE_NAMES: Record<ClusterNode['role'], string> = { api: 'API', worker: 'Worker', all: 'API and cameras' };

/**
 * Admins see the Argus processes of the installation (one when Argus runs alone) and which node
 * runs each camera.
 */
@Component({
  selector: 'app-cluster-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatTableModule],
  templateUrl: './cluster-page.html',
})
export class ClusterPage {
  private readonly cluster = inject(ClusterApi);
  private readonly cameras = inject(CameraApi);

  protected readonly nodeColumns = ['node', 'role', 'host', 'cameras', 'labels', 'startedAt', 'lastSeen'];
  protected readonly cameraColumns = ['camera', 'status', 'node'];
  protected readonly nodes = signal<ClusterNode[] | null>(null);
  protected readonly cameraList = signal<Camera[]>([]);
  protected readonly failed = signal(false);
  protected readonly roleName = (role: ClusterNode['role']) => ROLE_NAMES[role];
  /** The node a camera runs on, by its id, as the table names it. */
  protected readonly nodeName = computed(() => {
    const byId = new Map((this.nodes() ?? []).map((n) => [n.id, n]));
    return (camera: Camera): string => {
      if (!camera.node) return camera.status === 'running' || camera.status === 'starting' ? 'this process' : '—';
      const node = byId.get(camera.node);
      return node ? `${node.id} (${node.host})` : camera.node;
    };
  });

  constructor() {
    this.load();
    const timer = setInterval(() => this.load(), CLUSTER_REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected load(): void {
    forkJoin({ nodes: this.cluster.nodes(), cameras: this.cameras.list({ limit: 100 }) }).subscribe({
      next: ({ nodes, cameras }) => {
        this.failed.set(false);
        this.nodes.set(nodes);
        this.cameraList.set(cameras.items);
      },
      error: () => this.failed.set(true),
    });
  }
}
