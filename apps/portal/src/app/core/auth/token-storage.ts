import { Injectable } from '@angular/core';

interface StoredToken {
  accessToken: string;
  /** Epoch milliseconds after which the token is no longer worth sending. */
  expiresAt: number;
}

const KEY = 'sb.session';

/** The bearer token in localStorage, so a reload or a new tab stays signed in. */
@Injectable({ providedIn: 'root' })
export class TokenStorage {
  read(): string | null {
    try {
      const raw = localStorage.getItem(KEY);
      if (!raw) return null;
      const stored = JSON.parse(raw) as Partial<StoredToken>;
      if (typeof stored.accessToken !== 'string') return null;
      if (
        typeof stored.expiresAt === 'number' &&
        stored.expiresAt <= Date.now()
      ) {
        this.clear();
        return null;
      }
      return stored.accessToken;
    } catch {
      return null;
    }
  }

  write(accessToken: string, expiresInSeconds: number): void {
    const value: StoredToken = {
      accessToken,
      expiresAt: Date.now() + expiresInSeconds * 1000,
    };
    try {
      localStorage.setItem(KEY, JSON.stringify(value));
    } catch {
      // Storage disabled: the session lasts as long as this page.
    }
  }

  clear(): void {
    try {
      localStorage.removeItem(KEY);
    } catch {
      // Nothing stored.
    }
  }
}
