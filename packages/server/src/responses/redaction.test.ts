import { redact } from './redaction.js';

const NAMES = ['Jane Smith', 'Mo Farah'];

describe('redact', () => {
  describe('emails', () => {
    it.each([
      'jane@example.com',
      'JANE@EXAMPLE.COM',
      'jane.smith@example.com',
      'jane+chorus@example.com',
      'j_doe-99@mail.council.gov.uk',
      'zoë@example.org',
    ])('redacts %s', (email) => {
      expect(redact(`Email me at ${email}, thanks`, [])).toBe('Email me at [EMAIL], thanks');
    });

    it('leaves sentence punctuation after the address', () => {
      expect(redact('Write to jane@example.com.', [])).toBe('Write to [EMAIL].');
    });

    it('redacts an email whole before looking for phones or names in it', () => {
      expect(redact('jane.smith07700900123@example.com', NAMES)).toBe('[EMAIL]');
    });

    it('does not treat a bare "@" mention as an email', () => {
      expect(redact('ask @council or meet @ 5pm', [])).toBe('ask @council or meet @ 5pm');
    });
  });

  describe('phone numbers', () => {
    it.each([
      '07700 900123',
      '07700900123',
      '+44 7700 900123',
      '+44 (0)7700 900123',
      '(01782) 123456',
      '01782 123 456',
      '01782-123-456',
      '0800 123 4567',
      '020 7946 0958',
      '+447700900123',
      '0044 7700 900123',
    ])('redacts %s', (phone) => {
      expect(redact(`Call me on ${phone} today.`, [])).toBe('Call me on [PHONE] today.');
    });

    it.each(['0800 123 456', '07700.900.123', '+44 20 7946 0958', '+44(0)7700900123', '01782 - 123456'])(
      'also redacts the less common form %s',
      (phone) => {
        expect(redact(`Call ${phone}`, [])).toBe('Call [PHONE]');
      },
    );

    it.each([
      'We met in 2024.',
      'It cost £1,500 in total.',
      'About 45 people came.',
      'The meeting was on 12/06/2024.',
      'The meeting was on 05.06.2024 10.30 sharp.',
      'Doors open 09:30, close 18.45.',
      'Reference 123456 was quoted.',
      'Reference 012345 was quoted.',
      'Account 012345678901 is too long to be a phone.',
      'Only 0.5 miles away.',
      'Sort code 01-02-03.',
    ])('leaves "%s" alone', (text) => {
      expect(redact(text, [])).toBe(text);
    });

    it('stops at the end of the number when another number follows', () => {
      expect(redact('Ring 07700 900123 45 times', [])).toBe('Ring [PHONE] 45 times');
    });

    it('redacts numbers wrapped in punctuation or markdown', () => {
      expect(redact('_07700 900123_ or *0800 123 4567*', [])).toBe('_[PHONE]_ or *[PHONE]*');
    });

    it('redacts numbers given back to back', () => {
      expect(redact('07700 900123, 0800 123 4567 or (01782) 123456', [])).toBe('[PHONE], [PHONE] or [PHONE]');
    });
  });

  describe('postcodes', () => {
    it.each([
      'ST1 1AA',
      'st11aa',
      'ST4 7QB',
      'st6  5ab',
      'SW1A 1AA',
      'M1 1AE',
      'B33 8TH',
      'CR2 6XH',
      'DN55 1PT',
      'EC1A 1BB',
    ])('redacts %s', (postcode) => {
      expect(redact(`I live at ${postcode} now`, [])).toBe('I live at [POSTCODE] now');
    });

    it.each([
      'I live in ST6.',
      'Most of us are in the ST4 area.',
      'Code XST11AAB is a part number.',
      'Batch ST11AAB shipped.',
    ])('leaves "%s" alone', (text) => {
      expect(redact(text, [])).toBe(text);
    });

    it('redacts at punctuation boundaries', () => {
      expect(redact('(ST1 1AA), or _st4 7qb_.', [])).toBe('([POSTCODE]), or _[POSTCODE]_.');
    });
  });

  describe('names', () => {
    it('redacts a full name as a single placeholder', () => {
      expect(redact('Jane Smith said hello', NAMES)).toBe('[NAME] said hello');
    });

    it('matches full names case-insensitively and across any whitespace', () => {
      expect(redact('JANE   smith and jane\nSmith', NAMES)).toBe('[NAME] and [NAME]');
    });

    it('redacts name parts of three or more characters as whole words', () => {
      expect(redact('Jane said the Smith family and Farah agreed', NAMES)).toBe(
        '[NAME] said the [NAME] family and [NAME] agreed',
      );
    });

    it('does not redact short parts or parts inside longer words', () => {
      expect(redact('Mo and Moses met the Smithsons in Janeway', NAMES)).toBe(
        'Mo and Moses met the Smithsons in Janeway',
      );
    });

    it('redacts a short name when it is the whole registered name', () => {
      expect(redact('Mo and Moses', ['Mo'])).toBe('[NAME] and Moses');
    });

    it('redacts a name before possessives and punctuation', () => {
      expect(redact("Jane's idea (Smith's, really).", NAMES)).toBe("[NAME]'s idea ([NAME]'s, really).");
    });

    it('handles names outside ASCII', () => {
      expect(redact('ZOË said Ødegaard, not Zoëy', ['Zoë Ødegaard'])).toBe('[NAME] said [NAME], not Zoëy');
    });

    it('splits names joined by underscores or hyphens', () => {
      expect(redact('user jane_smith and Smith-Jones', NAMES)).toBe('user [NAME]_[NAME] and [NAME]-Jones');
    });

    it('treats regex characters in names literally', () => {
      expect(redact('J.R. Hartley met JXR. and (Jr) and Jr', ['J.R. Hartley', 'Ann (Jr)'])).toBe(
        '[NAME] met JXR. and [NAME] and Jr',
      );
    });

    it('accepts every regex syntax character in a name', () => {
      const name = 'a.*+?^${}()|[]\\/-b';
      expect(redact(`say ${name} now`, [name])).toBe('say [NAME] now');
    });

    it('ignores empty and whitespace-only names', () => {
      expect(redact('Nothing to see here', ['', '   ', '\t'])).toBe('Nothing to see here');
    });

    it('does not corrupt existing placeholders when a name matches one', () => {
      expect(redact('[NAME] met Name at jo@example.com', ['Name', 'Email'])).toBe('[NAME] met [NAME] at [EMAIL]');
    });
  });

  describe('mixed text', () => {
    it('redacts every kind of personal data in one response', () => {
      const text =
        'Jane Smith (jane.smith+chorus@example.co.uk, 07700 900123) lives at ST4 7QB.\n' +
        'Mo Farah said 45 people in the ST6 area paid £1,500 in 2024; call Farah on +44 (0)1782 123456.';
      expect(redact(text, NAMES)).toBe(
        '[NAME] ([EMAIL], [PHONE]) lives at [POSTCODE].\n' +
          '[NAME] said 45 people in the ST6 area paid £1,500 in 2024; call [NAME] on [PHONE].',
      );
    });

    it('leaves everything else exactly as written', () => {
      const text = '  Café — “quotes”,\ttabs\r\n emoji 🎉 and   spaces  ';
      expect(redact(text, NAMES)).toBe(text);
    });
  });

  describe('idempotence', () => {
    it.each([
      'Jane Smith (jane@example.com) lives at ST1 1AA, phone 07700 900123.',
      'Mo Farah: +44 7700 900123 / mo.farah@example.com / sw1a1aa',
      '[NAME] [EMAIL] [PHONE] [POSTCODE] Name Phone',
      'Jane Jane Smith Smith',
    ])('redacting twice equals redacting once: %s', (text) => {
      const names = [...NAMES, 'Name', 'Phone'];
      const once = redact(text, names);
      expect(redact(once, names)).toBe(once);
    });
  });

  describe('long adversarial input', () => {
    // A backtracking blow-up would hang these (and hit the test timeout).
    it.each([
      ['digits', '0'.repeat(10_000)],
      ['digits and spaces', '0 '.repeat(5_000)],
      ['groups with too many digits', '000 '.repeat(2_500)],
      ['spaces after an outward code', `ST1${' '.repeat(10_000)}x`],
      ['an endless email local part', 'a.'.repeat(5_000)],
      ['an endless email domain', `a@${'b.'.repeat(5_000)}1`],
    ])('leaves %s untouched', (_label, text) => {
      expect(redact(text, NAMES)).toBe(text);
    });

    it('redacts repeated data in a long string', () => {
      const text = '07700 900123 st1 1aa jane@example.com Jane Smith '.repeat(200);
      expect(redact(text, NAMES)).toBe('[PHONE] [POSTCODE] [EMAIL] [NAME] '.repeat(200));
    });

    it('redacts a name followed by long whitespace', () => {
      expect(redact(`Jane${' '.repeat(10_000)}said`, NAMES)).toBe(`[NAME]${' '.repeat(10_000)}said`);
    });
  });
});
