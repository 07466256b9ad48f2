import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../src/create-app';

const root = resolve(__dirname, '../../../..');
const nginx = readFileSync(resolve(root, 'deploy/nginx.conf.template'), 'utf8');

/** The shipped production shape: TLS at nginx, the same CSP for the web UI as for the API, a valid compose file. */
describe('deployment configuration', () => {
  it('serves only HTTPS (TLS 1.2+) with configurable certificate paths; plain HTTP redirects', () => {
    expect(nginx).toMatch(/listen 443 ssl;/);
    expect(nginx).toContain('ssl_certificate ${TLS_CERTIFICATE};');
    expect(nginx).toContain('ssl_certificate_key ${TLS_CERTIFICATE_KEY};');
    expect(nginx).toMatch(/ssl_protocols TLSv1\.2 TLSv1\.3;/);
    const plain = nginx.slice(nginx.indexOf('listen 80;'), nginx.indexOf('listen 443'));
    expect(plain).toContain('return 301 https://$host$request_uri;');
    expect(plain).not.toContain('proxy_pass');
    expect(nginx).toMatch(/Strict-Transport-Security/);
  });

  it('sends the web UI the API’s Content-Security-Policy', () => {
    const policy = Object.entries(CONTENT_SECURITY_POLICY).map(([k, v]) => `${k} ${v.join(' ')}`).join(';');
    expect(nginx).toContain(`set $akiwa_csp "${policy}";`);
    expect(nginx).toContain('add_header Content-Security-Policy $akiwa_csp always;');
  });

  it('compresses answers, except those that carry secrets (BREACH)', () => {
    const server = nginx.slice(nginx.indexOf('listen 443'));
    expect(server).toMatch(/^\s*gzip on;/m);
    const block = /location ~ (\S+) \{\s*gzip off;\s*proxy_pass http:\/\/akiwa_api;\s*\}/.exec(server);
    expect(block).not.toBeNull();
    const uncompressed = new RegExp(block![1]);
    for (const path of ['/api/auth/login', '/api/auth/refresh', '/api/auth/mfa/enrol', '/api/admin/api-keys', '/api/admin/webhooks', '/api/admin/webhooks/3/enable']) {
      expect([path, uncompressed.test(path)]).toEqual([path, true]);
    }
    for (const path of ['/api/vacancies/search', '/api/ledger/registrations', '/api/feeds/fhir/Slot', '/api/authority']) {
      expect([path, uncompressed.test(path)]).toEqual([path, false]);
    }
  });

  const compose = ['/usr/bin/docker-compose', '/usr/local/bin/docker-compose'].find((p) => existsSync(p));
  it(`docker-compose.yml is valid and wires TLS, the migration owner and the app role (${compose ?? 'docker-compose not installed: parsed only'})`, () => {
    const env = {
      ...process.env,
      POSTGRES_PASSWORD: 'pg-password-for-the-test',
      APP_DATABASE_PASSWORD: 'app-password-for-the-test',
      JWT_SECRET: 'x'.repeat(48),
      PERSONAL_DATA_KEY: Buffer.alloc(32, 1).toString('base64'),
      AUDIT_HMAC_KEY: Buffer.alloc(32, 2).toString('base64'),
      VAPID_PUBLIC_KEY: 'B' + 'A'.repeat(86),
      VAPID_PRIVATE_KEY: 'A'.repeat(43),
      TLS_CERT_DIR: '/etc/letsencrypt/live/akiwa.example',
    };
    let text: string;
    if (compose) {
      text = execFileSync(compose, ['-f', resolve(root, 'docker-compose.yml'), 'config'], { env, encoding: 'utf8' });
    } else {
      text = readFileSync(resolve(root, 'docker-compose.yml'), 'utf8');
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const doc = require('js-yaml').load(text);
    const api = doc.services['api-1'].environment;
    expect(String(api.DATABASE_URL)).toMatch(/^postgres:\/\/akiwa_app:/);
    expect(String(api.MIGRATION_DATABASE_URL)).toMatch(/^postgres:\/\/akiwa:/);
    expect(api.AUDIT_HMAC_KEY).toBeDefined();
    const web = doc.services.web;
    expect(JSON.stringify(web.ports)).toContain('443');
    expect(JSON.stringify(web.volumes)).toContain('/etc/akiwa/tls');
  });
});
