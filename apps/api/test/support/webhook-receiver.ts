import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  path: string;
}

/** A local HTTP endpoint that records every request and answers with the status the test sets. */
export interface Receiver {
  url: string;
  got: Received[];
  /** What the next requests are answered with; `hang`: never answered. */
  answer: number | 'hang';
  /** Resolves once `n` requests have arrived, or rejects after `ms`. */
  until(n: number, ms?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body, path: req.url ?? '' });
      if (r.answer !== 'hang') res.writeHead(r.answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const r: Receiver = {
    url: `http://127.0.0.1:${port}/hooks/akiwa`,
    got,
    answer: 200,
    async until(n, ms = 5000) {
      const end = Date.now() + ms;
      while (got.length < n) {
        if (Date.now() > end) throw new Error(`receiver got ${got.length} of ${n} requests within ${ms} ms`);
        await new Promise((res) => setTimeout(res, 20));
      }
      return got;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return r;
}
