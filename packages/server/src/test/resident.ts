import { request } from 'node:http';

export interface Page {
  status: number;
  html: string;
  location?: string;
  headers: Record<string, string | string[] | undefined>;
}

const unescape = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * A resident's browser without JavaScript, over a real socket: keeps its cookies, follows nothing
 * by itself, posts forms as `application/x-www-form-urlencoded`, from a chosen local address.
 */
export class Resident {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly base: string,
    private readonly from = '127.0.0.1',
  ) {}

  get(path: string): Promise<Page> {
    return this.send('GET', path);
  }

  post(path: string, fields: Record<string, string | string[]>): Promise<Page> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields))
      for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
    return this.send('POST', path, body.toString());
  }

  private send(method: string, path: string, body?: string): Promise<Page> {
    const url = new URL(path, this.base);
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method,
          localAddress: this.from,
          headers: {
            ...(this.cookies.size
              ? { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') }
              : {}),
            ...(body !== undefined
              ? {
                  'content-type': 'application/x-www-form-urlencoded',
                  'content-length': String(Buffer.byteLength(body)),
                }
              : {}),
          },
        },
        (res) => {
          for (const cookie of res.headers['set-cookie'] ?? []) {
            const [pair] = cookie.split(';');
            const at = pair!.indexOf('=');
            this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
          }
          let html = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (html += chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode!, html, location: res.headers.location, headers: res.headers }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}

/** The value of a hidden field of the page's form. */
export function hiddenField(page: Page, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(page.html);
  if (!match) throw new Error(`no ${name} field on the page: ${page.html.slice(0, 300)}`);
  return unescape(match[1]!);
}

/** The page's text without tags, for asserting what a person reads. */
export const visibleText = (page: Page) =>
  unescape(page.html.replace(/<(script|style)[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
