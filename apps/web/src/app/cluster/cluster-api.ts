import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';
import type { ApiSchema } from '../api/api-types';

/** One Argus process of the installation (`GET /api/cluster`). */
export type ClusterNode = ApiSchema<'ClusterNodeDto'>;

/** `GET /api/cluster` (admins only). */
@Injectable({ providedIn: 'root' })
export class ClusterApi {
  private readonly http = inject(HttpClient);

  nodes(): Observable<ClusterNode[]> {
    return this.http.get<ApiSchema<'ClusterView'>>('/api/cluster').pipe(map((view) => view.nodes));
  }
}
