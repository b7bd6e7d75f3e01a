/**
 * Mainland mobile numbers for top-ups: 11 digits starting with 1, and which carrier a number
 * belongs to by its three-digit network prefix (号段, as allocated by the MIIT numbering plan).
 * Virtual-operator prefixes (162, 165, 167, 170, 171) are resold under several carriers, so the
 * customer must name the carrier; a number ported to another carrier (携号转网) keeps its prefix,
 * so a carrier the customer names always wins over detection.
 */
export type Carrier = 'CHINA_MOBILE' | 'CHINA_UNICOM' | 'CHINA_TELECOM' | 'CHINA_BROADNET';

const MOBILE = /^1[3-9]\d{9}$/;

const PREFIXES: Record<Carrier, readonly string[]> = {
  CHINA_MOBILE: [
    '134',
    '135',
    '136',
    '137',
    '138',
    '139',
    '147',
    '148',
    '150',
    '151',
    '152',
    '157',
    '158',
    '159',
    '172',
    '178',
    '182',
    '183',
    '184',
    '187',
    '188',
    '195',
    '197',
    '198',
  ],
  CHINA_UNICOM: ['130', '131', '132', '145', '146', '155', '156', '166', '175', '176', '185', '186', '196'],
  CHINA_TELECOM: ['133', '149', '153', '173', '174', '177', '180', '181', '189', '190', '191', '193', '199'],
  CHINA_BROADNET: ['192'],
};

const CARRIER_BY_PREFIX = new Map<string, Carrier>(
  (Object.entries(PREFIXES) as [Carrier, readonly string[]][]).flatMap(([carrier, prefixes]) =>
    prefixes.map((prefix) => [prefix, carrier] as const),
  ),
);

/** Shown as the merchant of the finance order. */
export const CARRIER_NAMES: Record<Carrier, string> = {
  CHINA_MOBILE: '中国移动',
  CHINA_UNICOM: '中国联通',
  CHINA_TELECOM: '中国电信',
  CHINA_BROADNET: '中国广电',
};

export function isMainlandMobile(mobile: string): boolean {
  return MOBILE.test(mobile);
}

/** The carrier a number's prefix was allocated to; null for virtual-operator and unknown prefixes. */
export function carrierOfPrefix(mobile: string): Carrier | null {
  return CARRIER_BY_PREFIX.get(mobile.slice(0, 3)) ?? null;
}
