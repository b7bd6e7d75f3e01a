/** The eight business centers, in the order they are started and composed. */
export const CENTERS = ['user', 'account', 'finance', 'product', 'life', 'marketing', 'auth', 'limits'] as const;

export type CenterName = (typeof CENTERS)[number];

export const DEFAULT_PORTS: Readonly<Record<CenterName | 'gateway', number>> = {
  gateway: 4000,
  user: 4001,
  account: 4002,
  finance: 4003,
  product: 4004,
  life: 4005,
  marketing: 4006,
  auth: 4007,
  limits: 4008,
};

export function isCenterName(value: string): value is CenterName {
  return (CENTERS as readonly string[]).includes(value);
}
