import { AgeBand, CityConnection, ConsentPurpose, Disability, Ethnicity, Prompt, Religion } from '@chorus/shared';
import QRCode from 'qrcode';
import { createPdf } from '../common/pdf.js';
import { en } from '../questionnaire/messages/en.js';

const MARGIN = 48;
const BLUE = '#1f5f8b';
const BOX = 11;
const QR_SIZE = 72;

/** What one printing of a session's forms shows besides each sheet's code. */
export interface PaperFormFacts {
  sessionTitle: string;
  noticeVersion: string;
  areas: readonly string[];
  /** The consent purposes each sheet asks, in the order printed. */
  purposes: readonly ConsentPurpose[];
}

/** The consent questions as the resident reads them: the questionnaire's own words. */
export const CONSENT_WORDS: Partial<Record<ConsentPurpose, { legend: string; hint: string }>> = {
  [ConsentPurpose.PARTICIPATION]: en.consent.participation,
  [ConsentPurpose.QUOTE]: en.consent.quote,
  [ConsentPurpose.SPECIAL_CATEGORY_DATA]: en.about.special,
};

/**
 * The printable form, one sheet per code: the questionnaire's questions with room to write,
 * consent tick boxes per purpose in its plain words with the privacy notice version, and "about
 * you". Every page carries the sheet's code, printed and as a QR code, so a loose page still joins
 * the right person (a scanner that types what it reads can fill the type-up screen's code field).
 */
export async function renderPaperForms(codes: readonly string[], facts: PaperFormFacts): Promise<Buffer> {
  const { doc, done } = createPdf(`Paper forms: ${facts.sessionTitle}`, MARGIN);
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN;
  const qrs = await Promise.all(
    codes.map((code) => QRCode.toBuffer(code, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 4 })),
  );

  const text = (words: string, options: PDFKit.Mixins.TextOptions & { x?: number; w?: number } = {}) => {
    const { x = MARGIN, w = width, ...rest } = options;
    doc.text(words, x, doc.y, { width: w, ...rest });
  };
  const body = (size = 10) => doc.font('Body').fontSize(size).fillColor('black');
  const bold = (size = 10) => doc.font('Body-Bold').fontSize(size).fillColor('black');

  codes.forEach((code, sheet) => {
    let page = 0;
    const header = () => {
      if (sheet > 0 || page > 0) doc.addPage();
      page++;
      doc.image(qrs[sheet]!, doc.page.width - MARGIN - QR_SIZE, MARGIN - 8, { width: QR_SIZE });
      doc
        .font('Body-Bold')
        .fontSize(16)
        .fillColor(BLUE)
        .text(en.service, MARGIN, MARGIN, { width: width - QR_SIZE });
      body(9).text(`${facts.sessionTitle} · page ${page}`, { width: width - QR_SIZE });
      bold(12).text(`Your code: ${code}`, { width: width - QR_SIZE });
      doc.y = Math.max(doc.y, MARGIN + QR_SIZE) + 6;
    };
    const room = (needed: number) => {
      if (doc.y + needed > bottom) header();
    };
    const tickBox = (x: number, y: number) => doc.lineWidth(1).rect(x, y, BOX, BOX).stroke('black');
    /** Options with a box each, in columns; the same words as the questionnaire's pages. */
    const tickList = (labels: readonly string[], columns: number) => {
      const columnWidth = width / columns;
      for (let i = 0; i < labels.length; i += columns) {
        const row = labels.slice(i, i + columns);
        body(9);
        const height = Math.max(...row.map((label) => doc.heightOfString(label, { width: columnWidth - 24 }))) + 5;
        room(height);
        const y = doc.y;
        row.forEach((label, column) => {
          const x = MARGIN + column * columnWidth;
          tickBox(x, y);
          doc.text(label, x + 18, y + 1, { width: columnWidth - 24 });
        });
        doc.y = y + height;
      }
    };
    const section = (title: string) => {
      room(60);
      doc.moveDown(0.6);
      doc.font('Body-Bold').fontSize(13).fillColor(BLUE);
      text(title);
      doc.moveDown(0.3);
    };

    header();
    body();
    text(`${en.start.intro} ${en.start.anonymous}`);
    text(en.start.privacy);
    bold(9);
    text(en.notice.replace('{version}', facts.noticeVersion));

    section(en.consent.title);
    body(9);
    text('Tick a box to say yes. A box you leave empty means no.');
    doc.moveDown(0.4);
    for (const purpose of facts.purposes) {
      const words = CONSENT_WORDS[purpose]!;
      bold();
      const height =
        doc.heightOfString(words.legend, { width: width - 24 }) +
        body(9).heightOfString(words.hint, { width: width - 24 }) +
        8;
      room(height);
      const y = doc.y;
      tickBox(MARGIN, y);
      bold().text(words.legend, MARGIN + 20, y, { width: width - 24 });
      body(9).text(words.hint, MARGIN + 20, doc.y, { width: width - 24 });
      doc.y += 8;
    }

    Object.values(Prompt).forEach((prompt, i) => {
      room(150);
      doc.moveDown(0.4);
      body(9).fillColor(BLUE);
      text(en.question.replace('{n}', String(i + 1)));
      bold(11);
      text(en.prompts[prompt]);
      body(8);
      text(en.answerHint);
      const top = doc.y + 4;
      doc.lineWidth(0.5);
      for (let line = 1; line <= 5; line++)
        doc
          .moveTo(MARGIN, top + line * 20)
          .lineTo(MARGIN + width, top + line * 20)
          .stroke('#999999');
      doc.y = top + 5 * 20 + 6;
    });

    section(en.about.title);
    bold();
    text(`${en.about.connections.legend} ${en.about.connections.hint}`);
    tickList(
      Object.values(CityConnection).map((c) => en.about.connections[c]),
      2,
    );
    bold();
    text(`${en.about.area.label} ${en.optional}`);
    tickList([...facts.areas, en.about.area.none], 3);
    bold();
    text(`${en.about.ageBand.legend} ${en.optional}`);
    tickList(
      Object.values(AgeBand).map((band) => en.about.ageBand[band]),
      3,
    );

    if (facts.purposes.includes(ConsentPurpose.SPECIAL_CATEGORY_DATA)) {
      section(en.special.title);
      body(9);
      text(`Only answer these if you ticked "${en.about.special.legend}" ${en.special.hint}`);
      bold();
      text(en.special.ethnicity.label);
      tickList(
        Object.values(Ethnicity).map((e) => en.special.ethnicity[e]),
        2,
      );
      bold();
      text(en.special.religion.legend);
      tickList(
        Object.values(Religion).map((r) => en.special.religion[r]),
        3,
      );
      bold();
      text(en.special.disability.legend);
      tickList(
        Object.values(Disability).map((d) => en.special.disability[d]),
        2,
      );
    }
  });
  doc.end();
  return done;
}
