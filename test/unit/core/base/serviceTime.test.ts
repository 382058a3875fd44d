import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { beijingCompact, parseBeijingTime } from '../../../../src/core/base/serviceTime';

describe('Beijing time, as DashScope writes it', () => {
  it('compacts an instant to YYYYMMDDhhmmss eight hours ahead of UTC', () => {
    assert.equal(beijingCompact(new Date(Date.UTC(2026, 5, 3, 1, 2, 3))), '20260603090203');
  });

  it('moves to the next day, month and year when UTC+8 has already crossed midnight', () => {
    assert.equal(beijingCompact(new Date(Date.UTC(2026, 11, 31, 16, 30, 5))), '20270101003005');
  });

  it('reads a task\'s end_time as the UTC instant it names', () => {
    assert.equal(parseBeijingTime('2026-12-01 08:00:00.000'), Date.UTC(2026, 11, 1, 0, 0, 0));
    assert.equal(parseBeijingTime('2026-01-01 03:15:42'), Date.UTC(2025, 11, 31, 19, 15, 42));
  });

  it('reads short fractions as milliseconds (.5 is 500 ms), a T separator and surrounding spaces', () => {
    assert.equal(parseBeijingTime('2026-12-01 08:00:00.5'), Date.UTC(2026, 11, 1, 0, 0, 0, 500));
    assert.equal(parseBeijingTime('2026-12-01 08:00:00.05'), Date.UTC(2026, 11, 1, 0, 0, 0, 50));
    assert.equal(parseBeijingTime('  2026-12-01T08:00:00.123 '), Date.UTC(2026, 11, 1, 0, 0, 0, 123));
  });

  it('gives back the same second it compacted', () => {
    const instant = new Date(Date.UTC(2026, 1, 28, 22, 59, 7));
    const compact = beijingCompact(instant);
    const written = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)} ${compact.slice(8, 10)}:${compact.slice(10, 12)}:${compact.slice(12, 14)}`;
    assert.equal(parseBeijingTime(written), instant.getTime());
  });

  it('is undefined when the time is absent or not in that shape', () => {
    for (const text of [undefined, '', 'yesterday', '2026-12-01', '20261201080000', '2026-12-01 08:00:00+08:00', '2026-12-01 08:00:00.1234']) {
      assert.equal(parseBeijingTime(text), undefined, String(text));
    }
  });
});

describe('a time whose fields are out of range', () => {
  it('is unreadable, not rolled over into another time', () => {
    for (const odd of ['2026-13-45 25:61:00', '2026-02-30 10:00:00', '2026-12-01 24:00:00']) assert.equal(parseBeijingTime(odd), undefined, odd);
    assert.equal(parseBeijingTime('2026-02-28 23:59:59'), Date.UTC(2026, 1, 28, 15, 59, 59));
  });
});
