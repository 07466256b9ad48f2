import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  path: string;
}

/** A local HTTP endpoint that records every request and answers with the status the test sets. */
export interface Receiver {
  url: string;
  /** With `https`: the throwaway certificate (PEM) to trust. */
  cert?: string;
  got: Received[];
  /** What the next requests are answered with; `hang`: never answered; `endless`: 200 and a body that never ends. */
  answer: number | 'hang' | 'endless';
  /** Endless answers whose connection the client has closed. */
  cutOff: number;
  /** Resolves once `n` requests have arrived, or rejects after `ms`. */
  until(n: number, ms?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1 (openssl), valid one day. */
function throwawayCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'akiwa-hook-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `https`: served over TLS with a throwaway certificate (trust `cert`: e.g. https.globalAgent.options.ca before the API starts). */
export async function startReceiver(opts: { https?: boolean } = {}): Promise<Receiver> {
  const got: Received[] = [];
  const tls = opts.https ? throwawayCertificate() : undefined;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body, path: req.url ?? '' });
      if (r.answer === 'endless') {
        res.writeHead(200);
        const chunk = Buffer.alloc(16 * 1024, 'x');
        const timer = setInterval(() => res.write(chunk), 5);
        res.on('close', () => {
          clearInterval(timer);
          r.cutOff++;
        });
      } else if (r.answer !== 'hang') res.writeHead(r.answer).end();
    });
  };
  const server: Server = tls ? createHttpsServer(tls, handler) : createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const r: Receiver = {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/hooks/akiwa`,
    cert: tls?.cert.toString(),
    got,
    answer: 200,
    cutOff: 0,
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
