// Prints the text of the PDF on standard input (a child process: jest's module system cannot load PDF.js).
import { extractText, getDocumentProxy } from 'unpdf';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
process.stdout.write((await extractText(pdf, { mergePages: true })).text);
