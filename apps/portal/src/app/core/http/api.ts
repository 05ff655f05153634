/** The API lives on the same origin as the portal; in development the dev server proxies it. */
export const API_BASE = '/api/v1';

export function isApiUrl(url: string): boolean {
  return url.startsWith('/api/');
}
