'use strict';
/**
 * A second floor for update → event latency: a bare socket.io server (no Nest, no HTTP API, no auth,
 * no database), same transport and clients as the API. Every socket joins one room; a publisher's
 * `pub` event is emitted to that room as `vacancy:changed`. The gap between this and the API is what
 * Nest, the HTTP request and PostgreSQL add; the gap between this and the bare `ws` floor is socket.io.
 */
const path = require('node:path');
// the API's own socket.io (a dependency of apps/api)
const { Server } = require(require.resolve('socket.io', { paths: [path.join(__dirname, '..', '..', 'apps', 'api')] }));

const port = Number(process.argv[2]);
const io = new Server(port, { transports: ['websocket'], serveClient: false });
io.on('connection', (socket) => {
  if (socket.handshake.auth?.publisher) {
    socket.on('pub', (payload) => io.to('board').emit('vacancy:changed', payload));
    return;
  }
  socket.join('board');
  socket.emit('session:ready', { userId: 'x', organisationId: 'x', role: 'coordinator' });
});
process.send?.({ type: 'ready', port });
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
