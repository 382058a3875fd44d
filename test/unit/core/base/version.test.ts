import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TOOL_VERSION, userAgent } from '../../../../src/core/base/version';

describe('the tool\'s version and user agent', () => {
  it('is the version the build baked in, a semantic version', () => {
    assert.match(TOOL_VERSION, /^\d+\.\d+\.\d+(-[\w.]+)?$/);
  });

  it('names the tool, its version, the component, Node and the platform', () => {
    assert.equal(userAgent('cli'), `wan-keyframes/${TOOL_VERSION} (cli; node/${process.versions.node}; ${process.platform})`);
  });

  it('speaks for the core when no component is named', () => {
    assert.match(userAgent(), /^wan-keyframes\/\S+ \(core; /);
    assert.notEqual(userAgent(), userAgent('vscode'));
  });
});
