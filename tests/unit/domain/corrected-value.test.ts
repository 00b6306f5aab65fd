import { describe, expect, test } from 'vitest';
import { correctedValueText } from '../../../shared/domain/acts.js';

const write = {
  date: (date: string) => `date(${date})`,
  instant: (iso: string) => `instant(${iso})`,
};

describe('the new value of a corrected field, as text', () => {
  test('dates and instants as the page writes them; other strings as they are', () => {
    expect(correctedValueText('2023-03-15', write)).toBe('date(2023-03-15)');
    expect(correctedValueText('2022-07-26T15:30:00+06:00', write)).toBe(
      'instant(2022-07-26T15:30:00+06:00)',
    );
    expect(correctedValueText('2022-07-26T99:99', write)).toBe('2022-07-26T99:99');
    expect(correctedValueText('Чолпон-Ата', write)).toBe('Чолпон-Ата');
  });

  test('an instrument by its reference, a person by name and title, a list joined', () => {
    expect(correctedValueText({ reference: 'Закон № 145-VIII' }, write)).toBe('Закон № 145-VIII');
    expect(correctedValueText({ name: 'Elçin Məmmədov', title: 'Nazir' }, write)).toBe(
      'Elçin Məmmədov, Nazir',
    );
    expect(correctedValueText(['Art. 7', 'Art. 12'], write)).toBe('Art. 7, Art. 12');
    expect(correctedValueText(true, write)).toBe('true');
  });
});
