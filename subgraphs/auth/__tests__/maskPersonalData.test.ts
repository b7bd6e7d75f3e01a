import { maskClientAddress, maskDeviceId, maskPersonalFields } from '../service/maskPersonalData';

test('client addresses keep their network, never the host', () => {
  expect(maskClientAddress('203.0.113.7')).toBe('203.0.*.*');
  expect(maskClientAddress('::ffff:10.1.2.3')).toBe('10.1.*.*');
  expect(maskClientAddress('2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:*');
  expect(maskClientAddress('::1')).toBe('****');
  expect(maskClientAddress('not an address')).toBe('****');
});

test('device ids keep four characters', () => {
  expect(maskDeviceId('demo-device-13800000001')).toBe('demo****');
  expect(maskDeviceId('abc')).toBe('****');
});

test('personal fields are masked by their key at any depth; masked values and other fields stay', () => {
  const details = {
    mobile: '13800000001',
    clientAddress: '198.51.100.20',
    deviceId: 'phone-1234567',
    payeeAccountNumber: '6230000000000011',
    payeeName: '李秀英',
    username: 'ops',
    reason: 'password',
    before: { rule: 'LARGE_AMOUNT', params: { minimumAmountFen: '5000000' } },
    sessions: [{ clientAddress: '198.51.100.21', mobile: '138****0002' }],
    attempts: 3,
  };
  expect(maskPersonalFields(details)).toEqual({
    mobile: '138****0001',
    clientAddress: '198.51.*.*',
    deviceId: 'phon****',
    payeeAccountNumber: '6230 **** **** 0011',
    payeeName: '李*英',
    username: 'ops',
    reason: 'password',
    before: { rule: 'LARGE_AMOUNT', params: { minimumAmountFen: '5000000' } },
    sessions: [{ clientAddress: '198.51.*.*', mobile: '138****0002' }],
    attempts: 3,
  });
  expect(JSON.stringify(maskPersonalFields(details))).not.toMatch(/13800000001|198\.51\.100\.2|6230000000000011|李秀英/);
});
