import { pinyin } from 'pinyin-pro';

/**
 * Chinese provinces, regions and the cities that most often prefix company names.
 * Written once in Chinese; the Latin forms are DERIVED with pinyin-pro (杭州 → "hangzhou"),
 * so there is no hand-written romanisation table. A place is weak evidence: it neither makes
 * nor breaks a match ("Chengdu JOUAV" = "JOUAV").
 */
export const PLACES_ZH: readonly string[] = [
  // provinces, regions, municipalities
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建',
  '江西', '山东', '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海',
  '台湾', '内蒙古', '广西', '西藏', '宁夏', '新疆', '香港', '澳门',
  // cities
  '广州', '深圳', '杭州', '南京', '武汉', '成都', '西安', '沈阳', '哈尔滨', '长沙', '郑州', '济南', '青岛',
  '大连', '厦门', '苏州', '无锡', '宁波', '合肥', '福州', '南昌', '昆明', '贵阳', '南宁', '兰州', '太原',
  '石家庄', '长春', '呼和浩特', '乌鲁木齐', '拉萨', '银川', '西宁', '海口', '珠海', '东莞', '佛山', '常州',
  '绍兴', '温州', '嘉兴', '台州', '烟台', '洛阳', '绵阳', '株洲', '湘潭', '宜昌', '芜湖', '保定', '唐山',
  '徐州', '南通', '扬州', '泉州', '中山', '惠州', '汕头', '威海', '潍坊', '淄博', '襄阳', '宝鸡', '包头',
  '大庆', '鞍山', '抚顺', '镇江', '昆山', '江阴', '金华', '湖州', '舟山', '丽水', '衢州', '九江', '赣州',
  '桂林', '柳州', '遵义', '安顺', '自贡', '德阳', '宜宾', '泸州', '南充', '乐山', '天水', '酒泉', '景德镇',
];

/** Latin spellings that pinyin does not produce (Wade–Giles, postal, English names). */
const PLACE_EXTRA_LATIN: readonly string[] = [
  'hongkong', 'macau', 'macao', 'tibet', 'innermongolia', 'shaanxi', 'canton', 'peking', 'amoy', 'hohhot', 'urumqi',
  'harbin', 'chungking', 'tientsin', 'nanking', 'kunshan', 'xian',
];

/** Pinyin syllable sequences of the places, to strip a leading place from a pinyin query. */
export const PLACES_PINYIN: readonly (readonly string[])[] = PLACES_ZH.map((p) => pinyin(p, { toneType: 'none', type: 'array' }));

/** Latin place tokens: pinyin of PLACES_ZH without spaces or tones (worked out once, above), plus a few other spellings. */
export const PLACES_LATIN: ReadonlySet<string> = new Set([...PLACES_PINYIN.map((p) => p.join('')), ...PLACE_EXTRA_LATIN]);

/** Two-word Latin place names are joined before tokenising so they stay one weak token. */
export function joinMultiWordPlaces(s: string): string {
  return s.replace(/\bhong kong\b/g, 'hongkong').replace(/\binner mongolia\b/g, 'innermongolia');
}
