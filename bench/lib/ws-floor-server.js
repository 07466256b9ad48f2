'use strict';
/**
 * The floor for update → event latency: a bare `ws` server with no HTTP framework, no auth and no
 * database. A message from a publisher ({"pub":true,…}) is broadcast as is to every other socket.
 */
const WebSocket = require('ws');

const port = Number(process.argv[2]);
const wss = new WebSocket.Server({ host: '127.0.0.1', port, perMessageDeflate: false, clientTracking: true }, () => process.send?.({ type: 'ready', port }));
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    const text = data.toString();
    if (!text.startsWith('{"pub":true')) return;
    for (const c of wss.clients) if (c !== ws && c.readyState === WebSocket.OPEN) c.send(text, { binary: isBinary });
  });
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
