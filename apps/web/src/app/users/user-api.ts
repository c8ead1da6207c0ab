import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { ApiSchema } from '../api/api-types';
import { User } from '../auth/user';

/** `POST /api/users`. */
export type NewUser = ApiSchema<'CreateUserDto'>;

/** `PATCH /api/users/:id`: a new role, a new password, or both. */
export type UserChange = ApiSchema<'UpdateUserDto'>;

/** What operators and admins may know of every user, to choose a camera's viewers. */
export type UserDirectoryEntry = ApiSchema<'UserDirectoryEntry'>;

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

  update(id: string, change: UserChange): Observable<User> {
    return this.http.patch<User>(this.url(id), change);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(this.url(id));
  }

  /** 204 when `currentPassword` is right; 401 otherwise. */
  changeOwnPassword(currentPassword: string, newPassword: string): Observable<void> {
    const body: ApiSchema<'ChangePasswordDto'> = { currentPassword, newPassword };
    return this.http.post<void>('/api/auth/password', body);
  }

  private url(id: string): string {
    return `/api/users/${encodeURIComponent(id)}`;
  }
}
