import PDFDocument from 'pdfkit';

/**
 * DejaVu Sans, shipped by the dejavu-fonts-ttf package (Bitstream Vera licence, changes public
 * domain): pdfkit's built-in Helvetica has no ą ę ł ś ż, and quotes and place
 * names may hold them. pdfkit embeds only the glyphs a document uses.
 */
const font = (file: string) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
const FONTS = {
  Body: font('DejaVuSans.ttf'),
  'Body-Bold': font('DejaVuSans-Bold.ttf'),
  'Body-Oblique': font('DejaVuSans-Oblique.ttf'),
  /**
   * Amiri (@fontsource/amiri, SIL Open Font Licence), a Naskh face with Urdu's letters (ہ ے ۔ ٹ ڈ
   * ڑ ں, which DejaVu Sans lacks some of): one glyph per letter form, so the PDF's text maps back
   * to the letters written (Noto Naskh Arabic draws dots as separate glyphs, which read back wrong).
   */
  Arabic: require.resolve('@fontsource/amiri/files/amiri-arabic-400-normal.woff'),
};

/**
 * An A4 pdfkit document with the embedded fonts registered as Body, Body-Bold, Body-Oblique and Arabic
 * (no desktop, no browser), and the finished file once `doc.end()` is called.
 */
export function createPdf(title: string, margin: number): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    info: { Title: title, Creator: 'Chorus' },
  });
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, file);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}
