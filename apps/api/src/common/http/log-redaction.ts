import { sqlState } from '../../database/db.service';

/** Query parameters whose values never reach a log line, whatever a client puts there. */
const SENSITIVE_PARAM = /pass(word)?|secret|token|api[-_]?key|auth|signature|credential|session/i;

/**
 * A request URL as it may be logged: the path and the query parameter names as sent, the
 * values of sensitive-looking parameters replaced (the API never takes a secret in a URL, but
 * a client may send one: it must not land in the logs).
 */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // keep it as sent
      }
      return eq >= 0 && SENSITIVE_PARAM.test(name) ? `${rawName}=[redacted]` : pair;
    });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}

/**
 * An unexpected error as it may be logged: a driver error keeps its query and SQLSTATE but
 * not its bind parameters (they carry request data: e-mails, password hashes, free text).
 */
export function loggableError(err: unknown): unknown {
  const e = err as { parameters?: unknown[]; driverError?: unknown; name?: string; message?: string; stack?: string; query?: string };
  if (!e || typeof e !== 'object' || !Array.isArray(e.parameters)) return err;
  return { type: e.name, message: e.message, stack: e.stack, query: e.query, code: sqlState(err), parameters: `[${e.parameters.length} redacted]` };
}
