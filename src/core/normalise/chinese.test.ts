import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripBranchZh, stripLegalPinyin, stripLegalZh, stripPlacePinyin, stripPlaceZh, toPinyin, toSimplified } from './chinese.js';
import { analyseName, queryAlternatives } from './pipeline.js';

test('toSimplified: traditional characters convert through OpenCC', () => {
  assert.equal(toSimplified('中國商用飛機有限責任公司'), '中国商用飞机有限责任公司');
  assert.equal(toSimplified('騰訊控股'), '腾讯控股');
});
test('toPinyin: toneless syllables, context-aware readings', () => {
  assert.deepEqual(toPinyin('长鑫存储'), ['chang', 'xin', 'cun', 'chu']);
  assert.deepEqual(toPinyin('重庆'), ['chong', 'qing']);
});
test('stripLegalZh: legal-form suffixes come off repeatedly', () => {
  assert.deepEqual(stripLegalZh('腾讯控股有限公司'), { core: '腾讯', removed: ['控股', '有限公司'] });
  assert.equal(stripLegalZh('浪潮集团有限公司').core, '浪潮');
  assert.equal(stripLegalZh('成都飞机工业集团有限责任公司').core, '成都飞机工业');
  assert.equal(stripLegalZh('公司').core, '公司'); // never strips to nothing
});
test('stripPlaceZh: one leading place comes off', () => {
  assert.deepEqual(stripPlaceZh('杭州宇树科技'), { core: '宇树科技', place: '杭州' });
  assert.equal(stripPlaceZh('中国电信').place, null);
});
test('stripBranchZh: a branch with its place comes off', () => {
  assert.equal(stripBranchZh('中国电信股份有限公司北京分公司').core, '中国电信股份有限公司');
});
test('stripLegalPinyin / stripPlacePinyin: pinyin legal forms and places (derived from the Chinese lists)', () => {
  assert.deepEqual(stripLegalPinyin(['lang', 'chao', 'ji', 'tuan']).core, ['lang', 'chao']);
  assert.deepEqual(stripLegalPinyin(['da', 'hua', 'ji', 'shu', 'gu', 'fen']).core, ['da', 'hua', 'ji', 'shu']);
  assert.deepEqual(stripPlacePinyin(['zhe', 'jiang', 'da', 'hua', 'ji', 'shu']).core, ['da', 'hua', 'ji', 'shu']);
});
test('analyseName: a traditional name is converted, reduced and read as pinyin', () => {
  const a = analyseName('長鑫存儲技術有限公司');
  assert.equal(a.converted, true);
  assert.equal(a.han?.core, '长鑫存储技术');
  assert.deepEqual(a.han?.pinyin, ['chang', 'xin', 'cun', 'chu', 'ji', 'shu']);
});
test('queryAlternatives: an alias in brackets or after ";" is tried alone; a place in brackets is not', () => {
  assert.deepEqual(queryAlternatives('360 Security Technology Inc. (Qihoo 360)'), ['360 Security Technology Inc. (Qihoo 360)', 'Qihoo 360', '360 Security Technology Inc.']);
  assert.deepEqual(queryAlternatives('Zhonghang Electronic Measuring Instruments Co; ZEMIC'), ['Zhonghang Electronic Measuring Instruments Co; ZEMIC', 'Zhonghang Electronic Measuring Instruments Co', 'ZEMIC']);
  assert.deepEqual(queryAlternatives('Semiconductor Manufacturing International (Shenzhen) Corporation'), ['Semiconductor Manufacturing International (Shenzhen) Corporation']);
});
