'use strict';
/**
 * Access tokens for many seeded users without logging each in (a login costs a password hash): a
 * live session each (sid), signed like the API's own with the secret the bench gave the API
 * (JWT_SECRET), with the contract's issuer and audience. A few real logins beside them keep the
 * claims honest.
 */
const crypto = require('node:crypto');
const path = require('node:path');
const jwt = require('jsonwebtoken');

/** `users`: [{ userId, organisationId, role }] → one token per user, in order (`c`: a pg client of the scratch database). */
async function signedTokens(c, users, secret) {
  const { rows: sessions } = await c.query(
    `INSERT INTO sessions(user_id, expires_at) SELECT unnest($1::uuid[]), now() + interval '2 hours' RETURNING id, user_id AS "userId"`,
    [users.map((u) => u.userId)],
  );
  const sid = new Map(sessions.map((r) => [r.userId, r.id]));
  const { ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_AUDIENCE } = require(path.join(__dirname, '..', '..', 'libs', 'contracts', 'dist', 'index.js'));
  return users.map((u) =>
    jwt.sign({ sub: u.userId, org: u.organisationId, role: u.role, sid: sid.get(u.userId) }, secret, {
      algorithm: 'HS256',
      expiresIn: 3600,
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      jwtid: crypto.randomUUID(),
    }),
  );
}

module.exports = { signedTokens };
