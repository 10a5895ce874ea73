/**
 * A round-robin TCP passthrough on a loopback port, like haproxy in `mode tcp` with `balance
 * roundrobin`: each new connection goes to the next backend; TLS ends at the backend.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export class RoundRobinBalancer {
  private next = 0;
  private readonly sockets = new Set<Socket>();
  /** Connections sent to each backend, in the order of `backends`. */
  readonly counts: number[];

  private constructor(
    private readonly server: Server,
    private readonly backends: () => readonly number[],
  ) {
    this.counts = [];
  }

  /** Listens on 127.0.0.1 (port 0 = any); `backends` is read per connection, so it may be filled later. */
  static async start(backends: () => readonly number[]): Promise<RoundRobinBalancer> {
    const server = createServer();
    const balancer = new RoundRobinBalancer(server, backends);
    server.on('connection', (client) => balancer.forward(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return balancer;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  private forward(client: Socket): void {
    const ports = this.backends();
    const index = this.next++ % ports.length;
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    const upstream = connect(ports[index]!, '127.0.0.1');
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
