import WebSocket, { type ClientOptions } from 'ws';

/** Opens a websocket: 101 when it opened (then closes it), else the status of the refusal. */
export function websocketStatus(url: string, options: ClientOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('error', reject);
  });
}
