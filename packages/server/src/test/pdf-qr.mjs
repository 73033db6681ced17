// Prints, one a line, what the QR code on each page of the PDF on standard input reads as (a child
// process, like pdf-text.mjs): PDF.js gives the embedded image's pixels, jsQR reads them.
import jsQR from 'jsqr';
import { extractImages, getDocumentProxy } from 'unpdf';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
for (let page = 1; page <= pdf.numPages; page++) {
  for (const image of await extractImages(pdf, page)) {
    const rgba = new Uint8ClampedArray(image.width * image.height * 4);
    for (let i = 0; i < image.width * image.height; i++) {
      for (let c = 0; c < 3; c++) rgba[i * 4 + c] = image.data[i * image.channels + (image.channels >= 3 ? c : 0)];
      rgba[i * 4 + 3] = 255;
    }
    const found = jsQR(rgba, image.width, image.height);
    process.stdout.write(`${page} ${found ? found.data : '(unreadable)'}\n`);
  }
}
