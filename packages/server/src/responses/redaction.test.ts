import { redact, redactAll, Redactor } from './redaction.js';
import { CORPUS_NAMES, CORPUS_TODAY, REDACTION_CORPUS } from './redaction-corpus.js';
import { plainNames, type KnownNames } from './redaction-names.js';

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

  describe('known misses of the first version', () => {
    it.each([
      ['07700 90 01 23', 'PHONE'],
      ['(0)7700 900123', 'PHONE'],
      ['+44 (0) 7700 900 123', 'PHONE'],
      ['+44 (0)1782 234567', 'PHONE'],
      ['ST4-7QB', 'POSTCODE'],
      ['jo at example dot com', 'EMAIL'],
      ['jo.smith (at) example.co.uk', 'EMAIL'],
      ['jo [at] example [dot] com', 'EMAIL'],
    ])('redacts %s as [%s]', (written, category) => {
      expect(redact(`contact ${written} today`, [])).toBe(`contact [${category}] today`);
    });

    it.each([
      ['Zoe Hughes', 'Zoë Hughes'],
      ['Zoë Hughes', 'Zoe Hughes'],
      ['Niamh O’Brien', "Niamh O'Brien"],
      ["Niamh O'Brien", 'Niamh O’Brien'],
    ])('redacts %s for a participant registered as %s', (written, registered) => {
      expect(redact(`${written} said yes`, [registered])).toBe('[NAME] said yes');
    });

    it('keeps "at" and "dot" in ordinary sentences', () => {
      const text = 'We met at the park. Dot came too, and we stayed at home. In the end it rained.';
      expect(redact(text, [])).toBe(text);
    });
  });

  describe('NHS numbers', () => {
    it.each(['943 476 5919', '9434765919', '943-476-5919', '401 023 2137'])('redacts %s', (number) => {
      expect(redact(`NHS number ${number}, thanks`, [])).toBe('NHS number [NHS_NUMBER], thanks');
    });

    it.each(['943 476 5918', '1234567890', '123 456 7890', '94347659190', '943 476-5919'])(
      'leaves %s alone: the checksum or shape is wrong',
      (number) => {
        expect(redact(`ref ${number}`, [])).toBe(`ref ${number}`);
      },
    );
  });

  describe('National Insurance numbers', () => {
    it.each(['AB 12 34 56 C', 'ab123456c', 'JT123456A', 'CE-12-34-56-B', 'PA 123456 B'])('redacts %s', (number) => {
      expect(redact(`my NI is ${number} ok`, [])).toBe('my NI is [NI_NUMBER] ok');
    });

    it.each([
      ['a first letter HMRC never uses', 'QQ 12 34 56 C'],
      ['an O second letter', 'AO 12 34 56 C'],
      ['an unallocated prefix', 'GB 12 34 56 A'],
      ['a suffix after D', 'AB 12 34 56 E'],
      ['no suffix', 'AB 12 34 56 on the label'],
    ])('leaves a number with %s alone', (_why, text) => {
      expect(redact(text, [])).toBe(text);
    });
  });

  describe('dates of birth', () => {
    const redactOn = (text: string) => new Redactor([], { today: new Date('2026-12-01T00:00:00Z') }).redact(text);

    it.each([
      ['DOB 12/03/1985', 'DOB [DATE_OF_BIRTH]'],
      ['I was born on the 3rd of March 1990', 'I was born on the [DATE_OF_BIRTH]'],
      ['my birthday is 5 June.', 'my birthday is [DATE_OF_BIRTH].'],
      ['born 2019-04-12, my youngest', 'born [DATE_OF_BIRTH], my youngest'],
      ['Born March 1948 here', 'Born [DATE_OF_BIRTH] here'],
      ['me 1 January 1950, my wife 12/3/52', 'me [DATE_OF_BIRTH], my wife [DATE_OF_BIRTH]'],
      ['d.o.b. 21-11-04', 'd.o.b. [DATE_OF_BIRTH]'],
      ['birthday 29/02', 'birthday [DATE_OF_BIRTH]'],
    ])('redacts %j', (text, redacted) => {
      expect(redactOn(text)).toBe(redacted);
    });

    it.each([
      'On 3 May 2024 we had a street party',
      'Notes from the workshop on 14/06/2026',
      'I was born here. On 3 May 2024 the shop closed',
      'Sort code 01-02-03',
      'Since March 2020 nothing has been the same',
      'born and bred in Longton since 1987',
      'the 2020-2021 lockdown, scores 10/10, 3/4 of us',
    ])('leaves %j alone', (text) => {
      expect(redactOn(text)).toBe(text);
    });
  });

  describe('street addresses', () => {
    it.each([
      ['I live at 12 Victoria Road now', 'I live at [ADDRESS] now'],
      ['Flat 3, 21a High St is above the chippy', '[ADDRESS] is above the chippy'],
      ['we are at 7 St Mary’s Close', 'we are at [ADDRESS]'],
      ['my address is 3 church lane', 'my address is [ADDRESS]'],
      ['12-14 Market Place, ST1 1AA', '[ADDRESS], [POSTCODE]'],
      ['come to 45 Waterloo Rd. anytime', 'come to [ADDRESS]. anytime'],
    ])('redacts %j', (text, redacted) => {
      expect(redact(text, [])).toBe(redacted);
    });

    it.each([
      '12 high street shops closed this year',
      'we need 5 more street lights and 3 main roads',
      'a 10 minute walk to the park',
      'the 24 bus lane is always blocked',
      'Victoria Road is a rat run',
      'at 10:30 Church Street was closed',
      'the 4 lane road is dangerous',
      'nearly 300 Leek Road residents signed',
    ])('leaves %j alone', (text) => {
      expect(redact(text, [])).toBe(text);
    });
  });

  describe('names', () => {
    it('redacts a full name as a single placeholder', () => {
      expect(redact('Jane Smith said hello', NAMES)).toBe('[NAME] said hello');
    });

    it('matches full names case-insensitively and across any whitespace', () => {
      expect(redact('JANE   smith and jane\nSmith', NAMES)).toBe('[NAME] and [NAME]');
    });

    it('matches the first and last name of a longer registered name', () => {
      expect(redact('Jane Mary Smith, or Jane Smith, not Mary Smith', ['Jane Mary Smith'])).toBe(
        '[NAME], or [NAME], not Mary Smith',
      );
    });

    it('leaves a first name or a surname on its own, which many people share', () => {
      expect(redact('Jane said the Smith family and Farah agreed', NAMES)).toBe(
        'Jane said the Smith family and Farah agreed',
      );
    });

    it('does not redact names inside longer words', () => {
      expect(redact('Moses met the Smithsons in Janeway; Jane Smithson came', NAMES)).toBe(
        'Moses met the Smithsons in Janeway; Jane Smithson came',
      );
    });

    it('redacts a one-word name when it is the whole registered name', () => {
      expect(redact('Mo and Moses', ['Mo'])).toBe('[NAME] and Moses');
    });

    it('redacts a name before possessives and punctuation', () => {
      expect(redact("Jane Smith's idea (jane smith’s, really).", NAMES)).toBe("[NAME]'s idea ([NAME]’s, really).");
    });

    it.each([
      ['without accents', 'Zoe Hughes came', ['Zoë Hughes']],
      ['with accents the register lacks', 'Zoë Hughes came', ['Zoe Hughes']],
      ['with a curly apostrophe', 'Siobhan O’Brien came', ["Siobhan O'Brien"]],
      ['with a straight apostrophe', "Siobhan O'Brien came", ['Siobhán O’Brien']],
      ['without the apostrophe', 'siobhan obrien came', ["Siobhán O'Brien"]],
      ['with a space for the apostrophe', 'Siobhan O Brien came', ["Siobhán O'Brien"]],
      ['with Polish letters typed plainly', 'Lukasz Wojcik came', ['Łukasz Wójcik']],
      ['in capitals', 'ZOË HUGHES came', ['Zoe Hughes']],
    ])('matches a name written %s', (_how, text, names) => {
      expect(redact(text, names)).toBe('[NAME] came');
    });

    it('never turns ordinary words into [NAME] because a contact is called "Will Green"', () => {
      const names = ['Will Green'];
      expect(redact('we will need green buses', names)).toBe('we will need green buses');
      expect(redact('The council will green the verges', names)).toBe('The council will green the verges');
      expect(redact('Will the buses run? Green ones, please', names)).toBe('Will the buses run? Green ones, please');
      expect(redact('Will Green helped, and will green the park', names)).toBe(
        '[NAME] helped, and will green the park',
      );
    });

    it('splits names joined by underscores, hyphens or initials', () => {
      expect(
        redact('user jane_smith and Smith-Jones and J.R. Hartley', [...NAMES, 'Smith Jones', 'J.R. Hartley']),
      ).toBe('user [NAME] and [NAME] and [NAME]');
    });

    it('takes characters with a meaning in regular expressions literally', () => {
      expect(redact('say Ann Jr, not Ann.*Jr', ['Ann (Jr.*+?^${}|[]\\/)'])).toBe('say [NAME], not Ann.*Jr');
    });

    it('ignores empty and whitespace-only names', () => {
      expect(redact('Nothing to see here', ['', '   ', '\t'])).toBe('Nothing to see here');
    });

    it('does not corrupt existing placeholders when a name matches one', () => {
      expect(redact('[NAME] met Name at jo@example.com', ['Name', 'Email'])).toBe('[NAME] met [NAME] at [EMAIL]');
    });
  });

  describe('names looked up only where a name on file begins', () => {
    /** `names` as the matcher sees them, recording every sequence it asks about. */
    function recorded(names: KnownNames) {
      const asked: string[] = [];
      return { asked, names: { ...names, has: (form: string) => (asked.push(form), names.has(form)) } };
    }

    it('finds exactly what looking up every sequence finds, on the labelled corpus', () => {
      const names = plainNames(CORPUS_NAMES);
      const everySequence = new Redactor({ ...names, opens: () => true }, { today: CORPUS_TODAY });
      const gated = new Redactor(names, { today: CORPUS_TODAY });
      const texts = REDACTION_CORPUS.map((sentence) => sentence.text);
      expect(texts.map((text) => gated.redact(text))).toEqual(texts.map((text) => everySequence.redact(text)));
    });

    it('asks only about sequences whose first word begins a name on file', () => {
      const { asked, names } = recorded(plainNames(['Jane Smith', 'Jane Mary Brown']));
      expect(new Redactor(names).redact('The park was busy, and Jane Brown said Jane was there')).toBe(
        'The park was busy, and [NAME] said Jane was there',
      );
      expect(asked.every((form) => form.startsWith('jane'))).toBe(true);
    });

    it('redacts a name whose first word is an everyday word, and leaves the everyday word', () => {
      const names = ['Will Smith', 'May Okafor'];
      expect(redact('I will go in May, and will Will Smith come? May Okafor will', names)).toBe(
        'I will go in May, and will [NAME] come? [NAME] will',
      );
    });

    it('redacts names of several words, and names sharing their first word', () => {
      const names = ['Mary Ann de la Cruz', 'Mary Jones'];
      expect(
        redact('Mary Ann de la Cruz, Mary Cruz, Mary Jones and Mary Ann Jones; Ann de la Cruz and Mary', names),
      ).toBe('[NAME], [NAME], [NAME] and Mary Ann Jones; Ann de la Cruz and Mary');
    });

    it('redacts a one-word name before a possessive, though the word as written begins no name', () => {
      expect(redact("Cher's songs, and Cher sang", ['Cher'])).toBe("[NAME]'s songs, and [NAME] sang");
    });
  });

  describe('mixed text', () => {
    it('redacts every kind of personal data in one response', () => {
      const text =
        'Jane Smith (jane.smith+chorus@example.co.uk, 07700 900123) lives at 12 Victoria Road, ST4 7QB.\n' +
        'Mo Farah, born 3 March 1980, NHS 943 476 5919, NI AB 12 34 56 C, said 45 people in the ST6 area ' +
        'paid £1,500 in 2024; call Farah on +44 (0)1782 123456.';
      expect(redact(text, NAMES)).toBe(
        '[NAME] ([EMAIL], [PHONE]) lives at [ADDRESS], [POSTCODE].\n' +
          '[NAME], born [DATE_OF_BIRTH], NHS [NHS_NUMBER], NI [NI_NUMBER], said 45 people in the ST6 area ' +
          'paid £1,500 in 2024; call Farah on [PHONE].',
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

    it('redacts a name spread over long whitespace', () => {
      expect(redact(`Jane${' '.repeat(10_000)}Smith said`, NAMES)).toBe('[NAME] said');
    });

    // Shapes that make each detector try hard at every position; the bench times them.
    it.each([
      ['spelled-out emails', 'jo at '.repeat(1_700)],
      ['spelled-out domains', `jo at ${'example dot '.repeat(900)}`],
      ['house numbers without streets', '12 Victoria '.repeat(850)],
      ['flats without streets', 'Flat 1, '.repeat(1_250)],
      ['birth cues without dates', 'born on the 12th of '.repeat(500)],
      ['dates without years', '12/03/'.repeat(1_700)],
      ['NI prefixes without digits', 'AB 12 34 '.repeat(1_100)],
      ['NHS-like digit runs', '943 476 '.repeat(1_250)],
      ['first names without surnames', 'Jane '.repeat(2_000)],
      ['bracketed zeros', '(0)'.repeat(3_400)],
    ])('finishes on 10,000 characters of %s, and stays idempotent', (_label, text) => {
      const once = redact(text, NAMES);
      expect(redact(once, NAMES)).toBe(once);
    });
  });
});

describe('redactAll', () => {
  it('gives each of several concurrent batches its own texts redacted, in order', async () => {
    const redactor = new Redactor(['Priya Sharma']);
    const batches = Array.from({ length: 4 }, (_, b) =>
      Array.from(
        { length: 300 },
        (_, i) => `Batch ${b} text ${i}: ring Priya Sharma on 07700 900${String(i).padStart(3, '0')}.`,
      ),
    );
    const redacted = await Promise.all(batches.map((texts) => redactAll(redactor, texts)));
    redacted.forEach((texts, b) =>
      texts.forEach((text, i) => expect(text).toBe(`Batch ${b} text ${i}: ring [NAME] on [PHONE].`)),
    );
  });

  it('redacts a batch that follows one whose redaction failed', async () => {
    const broken = {
      redact: () => {
        throw new Error('broken');
      },
    } as unknown as Redactor;
    await expect(redactAll(broken, ['x'])).rejects.toThrow('broken');
    await expect(redactAll(new Redactor(['Priya Sharma']), ['Priya Sharma said so'])).resolves.toEqual([
      '[NAME] said so',
    ]);
  });
});
