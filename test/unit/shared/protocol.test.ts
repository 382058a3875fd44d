import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HostMessageSchema, WebviewMessageSchema } from '../../../src/shared/protocol';
import { NOT_MESSAGES, WEBVIEW_MESSAGE_SHAPES } from '../../support/fixtures/messages';
import { mutate, pick, seeded } from '../../support/fixtures/random';
import { recordFuzz } from '../../support/report';

const SEED = 424242;
const COUNT = 1500;

describe(`webview message fuzzing (seed ${SEED})`, () => {
  it(`${COUNT} random and mutated messages: no crash, and only well-formed ones get through`, () => {
    const random = seeded(SEED);
    let accepted = 0;
    let rejected = 0;
    /** A parse that threw instead of answering: what a crash of the host's message handler would be. */
    let crashes = 0;
    const parse = (schema: { safeParse(value: unknown): { success: boolean } }, message: unknown) => {
      try {
        return schema.safeParse(message).success;
      } catch {
        crashes++;
        return false;
      }
    };
    for (let i = 0; i < COUNT; i++) {
      const message = random() < 0.85 ? mutate(pick(random, WEBVIEW_MESSAGE_SHAPES), random) : pick(random, NOT_MESSAGES);
      if (!parse(WebviewMessageSchema, message)) {
        rejected++;
        continue;
      }
      const result = WebviewMessageSchema.safeParse(message);
      if (!result.success) {
        rejected++;
        continue;
      }
      accepted++;
      // What passes is exactly a valid message: re-parsing the output is stable and every known field has its type.
      assert.deepEqual(WebviewMessageSchema.parse(result.data), result.data, `#${i}`);
      if ('values' in result.data) {
        assert.equal(typeof result.data.values.prompt, 'string');
        assert.ok(Number.isInteger(result.data.values.duration));
      }
      if ('jobId' in result.data) assert.equal(typeof result.data.jobId, 'string');
    }
    const hostAccepted = Array.from({ length: 300 }, () => mutate({ type: 'state', first: null, last: null, audio: null, aspectWarning: null, keySet: true, problems: [], blocked: null }, random)).filter((message) => parse(HostMessageSchema, message)).length;
    console.log(`message fuzz: ${COUNT} webview→host messages, ${accepted} accepted, ${rejected} rejected, ${crashes} crashes; 300 host→webview, ${hostAccepted} accepted`);
    void recordFuzz('messages', { seed: SEED, cases: COUNT, accepted, rejected, crashes, hostCases: 300, hostAccepted });
    assert.equal(crashes, 0);
    assert.ok(rejected > COUNT / 2);
  });
});
