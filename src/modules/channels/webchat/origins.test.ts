import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedOriginsOf, isOriginAllowed } from './origins.ts';

const allowed = ['https://www.acme.com', 'http://localhost:3000', 'https://*.shop.acme.com'];

test('exact origins are allowed, with scheme and port', () => {
  assert.equal(isOriginAllowed('https://www.acme.com', allowed), true);
  assert.equal(isOriginAllowed('http://localhost:3000', allowed), true);
  assert.equal(isOriginAllowed('http://www.acme.com', allowed), false);
  assert.equal(isOriginAllowed('http://localhost:3001', allowed), false);
  assert.equal(isOriginAllowed('https://acme.com', allowed), false);
});

test('a wildcard covers subdomains, not the domain itself nor look-alikes', () => {
  assert.equal(isOriginAllowed('https://eu.shop.acme.com', allowed), true);
  assert.equal(isOriginAllowed('https://a.b.shop.acme.com', allowed), true);
  assert.equal(isOriginAllowed('https://shop.acme.com', allowed), false);
  assert.equal(isOriginAllowed('https://evilshop.acme.com', allowed), false);
  assert.equal(isOriginAllowed('https://eu.shop.acme.com.evil.test', allowed), false);
  assert.equal(isOriginAllowed('http://eu.shop.acme.com', allowed), false);
});

test('missing, opaque and malformed origins are never allowed', () => {
  assert.equal(isOriginAllowed(undefined, allowed), false);
  assert.equal(isOriginAllowed('null', allowed), false);
  assert.equal(isOriginAllowed('https://www.acme.com/path', allowed), false);
  assert.equal(isOriginAllowed('file://', ['file://']), false);
});

test('no list, no site: the config must name where the widget lives', () => {
  assert.deepEqual(allowedOriginsOf({}), []);
  assert.deepEqual(allowedOriginsOf({ allowedOrigins: ['https://a.test', 3, null] }), ['https://a.test']);
  assert.equal(isOriginAllowed('https://www.acme.com', []), false);
});
