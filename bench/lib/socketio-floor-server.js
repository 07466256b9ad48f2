'use strict';
/**
 * A second floor for update → event latency: a bare socket.io server (no Nest, no HTTP API, no auth,
 * no database), same transport and clients as the API, and the same rooms: a socket's
 * `vacancies:subscribe` joins the room the API would join for that area (the contract's Rooms), and a
 * publisher's `pub` ({ rooms, payload }) is emitted to exactly the rooms the API emits a unit's change
 * to (organisation, municipality, region, prefecture) as `vacancy:changed`. The gap between this and
 * the API is what Nest, the HTTP request and PostgreSQL add; the gap to the bare `ws` floor is socket.io.
 */
const path = require('node:path');
// the API's own socket.io (a dependency of apps/api)
const { Server } = require(require.resolve('socket.io', { paths: [path.join(__dirname, '..', '..', 'apps', 'api')] }));

const { Rooms } = require(path.join(__dirname, '..', '..', 'libs', 'contracts', 'dist', 'index.js'));

const roomOf = (area) =>
  area.municipalityCode ? Rooms.municipality(area.municipalityCode) : area.regionId ? Rooms.region(area.regionId) : Rooms.prefecture(area.prefectureCode);

const port = Number(process.argv[2]);
const io = new Server(port, { transports: ['websocket'], serveClient: false });
io.on('connection', (socket) => {
  if (socket.handshake.auth?.publisher) {
    socket.on('pub', ({ rooms, payload }) => io.to(rooms).emit('vacancy:changed', payload));
    return;
  }
  socket.on('vacancies:subscribe', (area, ack) => {
    socket.join(roomOf(area));
    ack?.({ ok: true, data: { rooms: [roomOf(area)] } });
  });
  socket.emit('session:ready', { userId: 'x', organisationId: 'x', role: 'coordinator' });
});
process.send?.({ type: 'ready', port });
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
