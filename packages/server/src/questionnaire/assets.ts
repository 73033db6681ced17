import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/**
 * The questionnaire's stylesheet: mobile first (one column, 19px text, large targets), wider
 * margins from 641px; GOV.UK Design System patterns (error summary, hints, radios and checkboxes
 * drawn large, a yellow focus ring); logical properties, so a right-to-left page mirrors itself.
 * Colours meet WCAG 2.2 AA contrast; the page reflows at 200 % zoom and at 320px wide.
 */
const CSS = `*,*::before,*::after{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font:1.1875rem/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Nastaliq Urdu",sans-serif;color:#0b0c0c;background:#fff}
[dir=rtl] body{line-height:1.9}
.width{max-width:40rem;margin-inline:auto;padding-inline:1rem}
.skip{position:absolute;inset-inline-start:-9999px;padding:.5rem 1rem;background:#fd0;color:#0b0c0c}
.skip:focus{inset-inline-start:0;z-index:1}
.header{background:#0b0c0c;color:#fff;padding-block:.75rem;margin-block-end:1.5rem}
.header .width{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
.service{font-weight:700}
.footer{border-block-start:1px solid #b1b4b6;margin-block-start:2.5rem;padding-block:1rem}
.languages ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.header a{color:#fff}
a{color:#1d70b8;text-underline-offset:.15em}a:visited{color:#4c2c92}
a:focus,.link:focus,.button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}
a:focus{background:#fd0;color:#0b0c0c;box-shadow:0 4px #0b0c0c;text-decoration:none}
main{display:block;padding-block-end:2rem}main:focus{outline:none}
h1,h2{margin-block:0 1rem;line-height:1.2}
.heading-xl{font-size:2rem}.heading-l{font-size:1.75rem;display:block}.heading-m{font-size:1.375rem}
@media (min-width:641px){.heading-xl{font-size:3rem}.heading-l{font-size:2.25rem}}
.label-wrapper{margin:0}
.lead{font-size:1.375rem}
.caption{display:block;color:#505a5f;margin-block-end:.25rem}
.hint{color:#505a5f;margin-block:0 .75rem}
.group{margin-block-end:2rem}
.group-error{border-inline-start:5px solid #d4351c;padding-inline-start:.75rem}
.error-message{color:#d4351c;font-weight:700;margin-block:0 .75rem}
.error-summary{border:5px solid #d4351c;padding:1rem;margin-block-end:2rem}
.error-summary:focus{outline:3px solid #fd0}
.error-summary ul{margin:0;padding:0;list-style:none}
.error-summary a{color:#d4351c;font-weight:700}
fieldset{margin:0;padding:0;border:0;min-width:0}
.legend{font-size:1.375rem;font-weight:700;margin-block-end:.5rem;padding:0}
.label{display:block;font-weight:700;margin-block-end:.25rem}
.item{position:relative;display:flex;align-items:flex-start;gap:.75rem;margin-block-end:.75rem;min-height:2.5rem}
.input-radio,.input-checkbox{flex:none;width:2.5rem;height:2.5rem;margin:0;accent-color:#0b0c0c}
.item label{padding-block:.4rem;cursor:pointer}
.input,.select,.textarea{font:inherit;width:100%;padding:.35rem;border:2px solid #0b0c0c;border-radius:0;background:#fff;color:#0b0c0c}
.select{min-height:2.5rem}
.group-error .input,.group-error .select,.group-error .textarea{border-color:#d4351c}
.textarea{min-height:10rem;resize:vertical}
.buttons{display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
.button{font:inherit;font-weight:400;display:inline-block;min-height:2.75rem;padding:.5rem 1rem;border:2px solid transparent;border-radius:0;background:#00703c;color:#fff;box-shadow:0 2px #002d18;cursor:pointer;margin-block-end:1rem}
.button-start{font-weight:700;font-size:1.375rem}
.button-secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px #929191}
.button-warning{background:#d4351c;box-shadow:0 2px #55150b}
.link{font:inherit;background:none;border:0;padding:0;color:#1d70b8;text-decoration:underline;cursor:pointer}
.header .link{color:#fff}
.summary{margin:0 0 2rem}
.summary-row{border-block-end:1px solid #b1b4b6;padding-block:.75rem}
.summary dt{font-weight:700}.summary dd{margin:0}
.summary-value{white-space:pre-wrap;overflow-wrap:anywhere}
@media (min-width:641px){.summary-row{display:grid;grid-template-columns:30% 1fr auto;gap:1rem}}
.panel{background:#00703c;color:#fff;padding:1.5rem;margin-block-end:1.5rem;text-align:center}
.panel dt{font-size:1.25rem}.panel dd{margin:0 0 1rem}
.code{font:700 2rem/1.2 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.1em;overflow-wrap:anywhere}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
.trap{display:none}
`;

/**
 * The only script, and optional: every page works without it. It moves focus to the error
 * summary when there is one (as GOV.UK's does), and keeps a second press of a one-time button
 * (Send, Delete) from sending the form twice while the first is on its way. The server stores a
 * double submit once anyway (the form's token is the idempotency key).
 */
const JS = `(function(){var s=document.querySelector('.error-summary');if(s)s.focus();
document.addEventListener('submit',function(e){var f=e.target,b=e.submitter;if(!b||!b.hasAttribute('data-once'))return;
if(f.getAttribute('data-sent')){e.preventDefault();return}f.setAttribute('data-sent','1');b.setAttribute('aria-disabled','true')});})();
`;

export interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
  etag: string;
}

const asset = (text: string, type: string): Asset => {
  const body = Buffer.from(text);
  return {
    body,
    gzip: gzipSync(body, { level: 9 }),
    type,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`,
  };
};

export const ASSETS = {
  css: asset(CSS, 'text/css; charset=utf-8'),
  js: asset(JS, 'text/javascript; charset=utf-8'),
};
