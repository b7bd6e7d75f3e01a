/**
 * The demo customers every center seeds its part of. Ids are fixed so that each center's seed
 * is idempotent (upsert by id) and all centers agree without calling each other.
 * Password of both: Demo@2026.
 */
export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoAccount {
  id: string;
  number: string;
  accountClass: 'I' | 'II' | 'III';
  balanceFen: bigint;
  /** Class II/III accounts are bound to a class I account (PBOC account classification). */
  boundToId?: string;
}

export interface DemoCustomer {
  id: string;
  name: string;
  mobile: string;
  idNumber: string;
  riskGrade: 'C1' | 'C2' | 'C3' | 'C4' | 'C5';
  deviceId: string;
  region: string;
  accounts: DemoAccount[];
}

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  {
    id: 'c0a80001-0000-4000-8000-000000000001',
    name: '张晓明',
    mobile: '13800000001',
    idNumber: '330702199003150012',
    riskGrade: 'C3',
    deviceId: 'demo-device-13800000001',
    region: '330702',
    accounts: [
      { id: 'a0a80001-0000-4000-8000-000000000011', number: '6230580000000000011', accountClass: 'I', balanceFen: 100_000_00n },
      {
        id: 'a0a80001-0000-4000-8000-000000000012',
        number: '6230580000000000012',
        accountClass: 'II',
        balanceFen: 5_000_00n,
        boundToId: 'a0a80001-0000-4000-8000-000000000011',
      },
      {
        id: 'a0a80001-0000-4000-8000-000000000013',
        number: '6230580000000000013',
        accountClass: 'III',
        balanceFen: 500_00n,
        boundToId: 'a0a80001-0000-4000-8000-000000000011',
      },
    ],
  },
  {
    id: 'c0a80001-0000-4000-8000-000000000002',
    name: '李秀英',
    mobile: '13800000002',
    idNumber: '330702198507200025',
    riskGrade: 'C2',
    deviceId: 'demo-device-13800000002',
    region: '330702',
    accounts: [{ id: 'a0a80001-0000-4000-8000-000000000021', number: '6230580000000000021', accountClass: 'I', balanceFen: 20_000_00n }],
  },
];
