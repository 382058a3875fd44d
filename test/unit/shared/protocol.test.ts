import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HostMessageSchema, WebviewMessageSchema } from '../../../src/shared/protocol';
import { HOST_MESSAGE_SHAPES, NOT_MESSAGES, WEBVIEW_MESSAGE_SHAPES } from '../../support/fixtures/messages';
import { mutate, pick, seeded } from '../../support/fixtures/random';
import { recordFuzz } from '../../support/report';

const SEED = 424242;
const COUNT = 1500;

describe('the webview ⇄ host protocol', () => {
  it('every message of either side parses as it is sent', () => {
    for (const message of WEBVIEW_MESSAGE_SHAPES) assert.deepEqual(WebviewMessageSchema.parse(message), message, message.type);
    for (const message of HOST_MESSAGE_SHAPES) assert.deepEqual(HostMessageSchema.parse(message), message, message.type);
  });

  it('refuses what is not a message, the old vocabulary, unknown actions and unknown requests', () => {
    for (const value of NOT_MESSAGES) assert.equal(WebviewMessageSchema.safeParse(value).success, false, JSON.stringify(value));
  });

  it(`fuzz (seed ${SEED}): ${COUNT} mutated and odd messages; what passes is exactly a valid message`, () => {
    const random = seeded(SEED);
    let accepted = 0;
    let rejected = 0;
    for (let i = 0; i < COUNT; i++) {
      const message = random() < 0.85 ? mutate(pick(random, WEBVIEW_MESSAGE_SHAPES), random) : pick(random, NOT_MESSAGES);
      const result = WebviewMessageSchema.safeParse(message);
      if (!result.success) {
        rejected++;
        continue;
      }
      accepted++;
      // Stable under a second parse, and every field the host reads has its type.
      assert.deepEqual(WebviewMessageSchema.parse(result.data), result.data, `#${i}`);
      if ('values' in result.data) {
        assert.equal(typeof result.data.values.prompt, 'string');
        assert.ok(Number.isInteger(result.data.values.duration));
      }
      if ('jobId' in result.data) assert.equal(typeof result.data.jobId, 'string');
    }
    const host = Array.from({ length: 300 }, () => mutate(pick(random, HOST_MESSAGE_SHAPES), random));
    const hostAccepted = host.filter((message) => HostMessageSchema.safeParse(message).success).length;
    console.log(`message fuzz: ${COUNT} webview→host messages, ${accepted} accepted, ${rejected} rejected; 300 host→webview, ${hostAccepted} accepted`);
    void recordFuzz('messages', { seed: SEED, cases: COUNT, accepted, rejected, hostCases: 300, hostAccepted });
    // Both ways are exercised: mutations that keep a message valid pass, the rest are refused.
    assert.ok(accepted >= 10, `some mutated messages stay valid (${accepted})`);
    assert.ok(rejected > COUNT / 2, `most are refused (${rejected})`);
    assert.ok(hostAccepted > 0 && hostAccepted < 300);
  });
});
