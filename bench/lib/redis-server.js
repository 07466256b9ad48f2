'use strict';
/** A redis-server of the benchmark's own on a free port (never the machine's shared 6379), no persistence. */
const net = require('node:net');
const { spawn } = require('node:child_process');
const { freePort, sleep } = require('./api');

const canConnect = (port) =>
  new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });

/** → { port, url, child, stop }; `registry` (the run's children) stops it on an interrupted run. */
async function startRedis(registry) {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  child.stop = async () => {
    if (child.exitCode !== null || child.signalCode) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(3000)]);
  };
  registry?.add(child);
  for (let i = 0; !(await canConnect(port)); i++) {
    if (child.exitCode !== null || i > 50) throw new Error(`redis-server on ${port} did not start`);
    await sleep(100);
  }
  return { port, url: `redis://127.0.0.1:${port}`, child, stop: () => child.stop() };
}

module.exports = { startRedis };
