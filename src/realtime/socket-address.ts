/**
 * The client address of a socket.io connection, as Express's `req.ip` gives it for HTTP: the
 * peer address, or behind a reverse proxy (TRUST_PROXY, Express's `trust proxy` 1) the address
 * the proxy appended last to X-Forwarded-For. Without it, every phone behind the proxy would
 * share the proxy's address and one per-address rate limit.
 */
export function socketClientAddress(
  handshake: { address: string; headers: Record<string, string | string[] | undefined> },
  trustProxy: boolean,
): string {
  if (!trustProxy) return handshake.address;
  const header = handshake.headers['x-forwarded-for'];
  const forwarded = Array.isArray(header) ? header.join(',') : header;
  const last = forwarded
    ?.split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .at(-1);
  return last ?? handshake.address;
}
