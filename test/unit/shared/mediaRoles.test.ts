import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FRAME_ROLES, type Inputs, isFrameRole, isMediaRole, mapInputs, MEDIA_ROLES, ROLE, ROLE_KIND, ROLE_LABEL, ROLE_SLUG, rolesOf } from '../../../src/shared/mediaRoles';

describe('the roles of what goes into a video', () => {
  it("rolesOf lists the roles present in the API's order, whatever order they were set in", () => {
    const inputs: Inputs<string> = { [ROLE.clip]: 'c.mp4', [ROLE.audio]: 'v.wav', [ROLE.first]: 'a.png' };
    assert.deepEqual(rolesOf(inputs), [ROLE.first, ROLE.audio, ROLE.clip]);
    assert.deepEqual(rolesOf({ [ROLE.last]: undefined, [ROLE.first]: '' }), [ROLE.first], 'an empty value is present, undefined is not');
    assert.deepEqual(rolesOf({}), []);
  });

  it('mapInputs maps each value with its role, and drops a role that maps to undefined', () => {
    const inputs: Inputs<number> = { [ROLE.last]: 2, [ROLE.first]: 1, [ROLE.audio]: 3 };
    const mapped = mapInputs(inputs, (value, role) => (role === ROLE.audio ? undefined : `${role}:${value * 10}`));
    assert.deepEqual(mapped, { [ROLE.first]: 'first_frame:10', [ROLE.last]: 'last_frame:20' });
    assert.equal(ROLE.audio in mapped, false, 'dropped, not set to undefined');
    assert.deepEqual(mapInputs({ [ROLE.first]: 0 }, (value) => value), { [ROLE.first]: 0 }, 'a falsy value is kept');
  });

  it('ROLE_SLUG is the inverse of ROLE', () => {
    const slugs = Object.keys(ROLE) as Array<keyof typeof ROLE>;
    for (const slug of slugs) assert.equal(ROLE_SLUG[ROLE[slug]], slug);
    assert.equal(Object.keys(ROLE_SLUG).length, slugs.length);
    assert.equal(new Set(Object.values(ROLE)).size, slugs.length, 'no two slugs name one role');
  });

  it('every role has a kind and a label in both languages, and MEDIA_ROLES lists each once', () => {
    assert.equal(new Set(MEDIA_ROLES).size, Object.keys(ROLE).length);
    for (const role of MEDIA_ROLES) {
      assert.ok(ROLE_KIND[role], role);
      assert.ok(ROLE_LABEL[role].en && ROLE_LABEL[role].zh, role);
    }
    assert.ok(FRAME_ROLES.every((role) => ROLE_KIND[role] === 'image'));
  });

  it('isMediaRole and isFrameRole take the API names only', () => {
    for (const role of MEDIA_ROLES) assert.equal(isMediaRole(role), true, role);
    for (const other of ['first', 'audio', 'FIRST_FRAME', 'first_frame ', '', undefined, null, 1, ['first_frame']]) {
      assert.equal(isMediaRole(other), false, String(other));
    }
    assert.deepEqual(MEDIA_ROLES.filter(isFrameRole), [ROLE.first, ROLE.last]);
  });
});
