import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { User, UserRole } from '../auth/user';

export interface NewUser {
  username: string;
  password: string;
  role: UserRole;
}

/** What operators and admins may know of every user, to choose a camera's viewers. */
export interface UserDirectoryEntry {
  id: string;
  username: string;
  role: UserRole;
}

/** `/api/users` (admins only), the user directory (operators and admins) and the signed-in user's own password. */
@Injectable({ providedIn: 'root' })
export class UserApi {
  private readonly http = inject(HttpClient);

  list(): Observable<User[]> {
    return this.http.get<User[]>('/api/users');
  }

  /** Every user's id, name and role, sorted by name (`GET /api/users/directory`). */
  directory(): Observable<UserDirectoryEntry[]> {
    return this.http.get<UserDirectoryEntry[]>('/api/users/directory');
  }

  create(user: NewUser): Observable<User> {
    return this.http.post<User>('/api/users', user);
  }

  update(id: string, change: { role?: UserRole; password?: string }): Observable<User> {
    return this.http.patch<User>(this.url(id), change);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(this.url(id));
  }

  /** 204 when `currentPassword` is right; 401 otherwise. */
  changeOwnPassword(currentPassword: string, newPassword: string): Observable<void> {
    return this.http.post<void>('/api/auth/password', { currentPassword, newPassword });
  }

  private url(id: string): string {
    return `/api/users/${encodeURIComponent(id)}`;
  }
}
