/*
 * Errors that mean "the database cannot be reached right now", as opposed to a query that is wrong:
 * the server refused or dropped the connection, the pool timed out waiting for one, or PostgreSQL said
 * it is shutting down, starting up or out of connections. Drizzle wraps driver errors, so the whole
 * `cause` chain is looked at.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);
/** SQLSTATE class 08 (connection exception), admin/crash shutdown, cannot connect now, too many connections. */
const SQLSTATES = /^(08\d\d\d|57P01|57P02|57P03|53300)$/;
const MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|connection ended|Client has encountered a connection error/i;

export function isConnectionLost(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 8; depth += 1) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATES.test(code))) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    current = cause;
  }
  return false;
}
