import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../../platform/errors/index.ts';
import { selectSlaPolicy, validateSlaPolicy, type SlaPolicy } from './sla-policy.ts';

const policies: SlaPolicy[] = [
  { id: 'urgent', name: 'Urgent', criteria: { minPriority: 80 }, targets: { firstResponse: 15, resolution: 240 } },
  { id: 'vip-email', name: 'VIP email', criteria: { channelKinds: ['email'], customerTiers: ['Gold', 'Platinum'] }, targets: { firstResponse: 60 } },
  { id: 'standard', name: 'Standard', isDefault: true, targets: { firstResponse: 240, relief: 480, resolution: 2400 } },
  { id: 'social', name: 'Social', criteria: { channelKinds: ['bluesky', 'x', 'mastodon'] }, targets: { firstResponse: 60 } },
];

describe('selectSlaPolicy', () => {
  it('picks the first policy whose criteria all hold, with the reason', () => {
    assert.deepEqual(selectSlaPolicy(policies, { priority: 91, channelKind: 'email', customerTier: 'gold' }), {
      policy: policies[0],
      reason: 'priority 91 in 80–100',
    });
    const vip = selectSlaPolicy(policies, { priority: 40, channelKind: 'email', customerTier: 'gold' });
    assert.equal(vip?.policy.id, 'vip-email');
    assert.equal(vip?.reason, 'channel kind email, customer tier gold');
  });

  it('skips the default while looking for a match, wherever it sits', () => {
    assert.equal(selectSlaPolicy(policies, { priority: 10, channelKind: 'bluesky' })?.policy.id, 'social');
  });

  it('falls back to the default, and to null without one', () => {
    assert.deepEqual(selectSlaPolicy(policies, { priority: 10, channelKind: 'rss' }), { policy: policies[2], reason: 'default policy' });
    assert.equal(selectSlaPolicy(policies.filter((p) => !p.isDefault), { channelKind: 'rss' }), null);
  });

  it('treats a missing fact as not matching the criteria that need it', () => {
    assert.equal(selectSlaPolicy(policies, { channelKind: 'email' })?.policy.id, 'standard');
  });
});

describe('validateSlaPolicy', () => {
  it('accepts a good policy', () => {
    assert.equal(validateSlaPolicy(policies[0]), policies[0]);
  });

  it('lists every problem with its path', () => {
    try {
      validateSlaPolicy({
        id: 'x',
        name: '',
        targets: { firstResponse: -5, reply: 10 },
        criteria: { minPriority: 90, maxPriority: 20, channelKinds: 'email', colour: 'red' },
        warningFraction: 1.5,
      });
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof AppError);
      assert.deepEqual(
        e.fields.map((f) => f.path),
        ['/name', '/targets/firstResponse', '/targets/reply', '/criteria/maxPriority', '/criteria/channelKinds', '/criteria/colour', '/warningFraction'],
      );
    }
  });

  it('requires at least one target', () => {
    assert.throws(() => validateSlaPolicy({ id: 'x', name: 'X', targets: {} }), (e: unknown) => e instanceof AppError && e.fields[0]?.path === '/targets');
  });
});
