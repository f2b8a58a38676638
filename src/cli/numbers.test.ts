import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ListwatchError } from '../core/errors.js';
import { numberOption, requiredNumber } from './numbers.js';

test('plain decimal numbers meeting the rule are read; not given stays undefined', () => {
  assert.equal(numberOption(undefined, '--limit', { integer: true, min: 1 }), undefined);
  assert.equal(requiredNumber('20', '--limit', { integer: true, min: 1, max: 1000 }), 20);
  assert.equal(requiredNumber('+3', '--n'), 3);
  assert.equal(requiredNumber('0.85', '--threshold', { above: 0, max: 1 }), 0.85);
  assert.equal(requiredNumber('1e3', '--ms', { min: 0 }), 1000);
  assert.equal(requiredNumber(' 7 ', '--n'), 7);
});

test('anything else is BAD_INPUT naming the flag, the value and what it must be', () => {
  const cases: [string, Parameters<typeof numberOption>[2], string][] = [
    ['', {}, '--x: "" is not a number'],
    ['  ', {}, '--x: "  " is not a number'],
    ['0x10', {}, '--x: "0x10" is not a number'],
    ['Infinity', {}, '--x: "Infinity" is not a number'],
    ['12abc', {}, '--x: "12abc" is not a number'],
    ['1.5', { integer: true, min: 1 }, '--x: "1.5" is not a whole number ≥ 1'],
    ['0', { integer: true, min: 1, max: 1000 }, '--x: "0" is not a whole number ≥ 1 and ≤ 1000'],
    ['1001', { integer: true, min: 1, max: 1000 }, '--x: "1001" is not a whole number ≥ 1 and ≤ 1000'],
    ['0', { above: 0 }, '--x: "0" is not a number > 0'],
    ['1.2', { above: 0, max: 1 }, '--x: "1.2" is not a number > 0 and ≤ 1'],
    ['-1', { min: 0 }, '--x: "-1" is not a number ≥ 0'],
  ];
  for (const [v, rule, message] of cases) {
    assert.throws(() => numberOption(v, '--x', rule), (e: unknown) => e instanceof ListwatchError && e.code === 'BAD_INPUT' && e.message === message && e.where?.field === 'x', `${JSON.stringify(v)} ${JSON.stringify(rule)}`);
  }
});
