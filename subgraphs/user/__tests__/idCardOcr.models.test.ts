import { generateCard } from '../../../test/support/models/idCards';
import { readIdCard } from '../service/verification/idCardOcr';
import { closeOcr } from '../service/verification/ocrEngine';

afterAll(closeOcr);

test('reads the number, birth date, sex and validity of a generated card', async () => {
  const card = generateCard(0);
  const reading = await readIdCard(card, '2026-06-01');
  expect(reading).toMatchObject({
    idNumber: { value: card.holder.idNumber },
    birthDate: { value: card.holder.birthDate },
    sex: { value: card.holder.sex },
    validity: { value: { validFrom: card.holder.validFrom, validUntil: card.holder.validUntil } },
    problems: [],
    usable: true,
  });
  expect(reading.idNumber!.confidence).toBeGreaterThan(0);
});

test('a photo that is not an image is a problem, not an exception', async () => {
  const reading = await readIdCard({ portraitSide: Buffer.from('not a photo'), emblemSide: Buffer.alloc(0) }, '2026-06-01');
  expect(reading).toMatchObject({
    idNumber: null,
    validity: null,
    problems: ['PORTRAIT_SIDE_UNREADABLE', 'EMBLEM_SIDE_UNREADABLE'],
    usable: false,
  });
});
