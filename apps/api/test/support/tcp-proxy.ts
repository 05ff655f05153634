import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback in front of PostgreSQL that can be made slow: while `delayMs` > 0
 * every chunk, in both directions, is held that long before it is passed on (a congested
 * network or an overloaded server, as the API sees it).
 */
export interface SlowProxy {
  port: number;
  delayMs: number;
  close(): Promise<void>;
}

export async function startSlowProxy(target: { host: string; port: number }): Promise<SlowProxy> {
  const sockets = new Set<Socket>();
  const proxy: SlowProxy = { port: 0, delayMs: 0, close: async () => undefined };
  const pipe = (from: Socket, to: Socket) => {
    from.on('data', (chunk) => {
      const send = () => {
        if (!to.destroyed) to.write(chunk);
      };
      if (proxy.delayMs > 0) {
        // Order is kept: a later chunk never overtakes an earlier one.
        from.pause();
        setTimeout(() => {
          send();
          from.resume();
        }, proxy.delayMs);
      } else send();
    });
    from.on('close', () => to.destroy());
    from.on('error', () => to.destroy());
  };
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  proxy.port = typeof addr === 'object' && addr ? addr.port : 0;
  proxy.close = () =>
    new Promise<void>((ok) => {
      for (const s of sockets) s.destroy();
      server.close(() => ok());
    });
  return proxy;
}
