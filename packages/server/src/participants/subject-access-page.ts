import type { ParticipantData } from './subject-access.service.js';
import { escapeHtml as escape } from '../common/html.js';

const shown = (value: unknown): string =>
  value === null || value === undefined
    ? '—'
    : value instanceof Date
      ? value.toISOString()
      : typeof value === 'object' || typeof value === 'function'
        ? JSON.stringify(value)
        : `${value as string | number | boolean}`;

function table(caption: string, rows: readonly Record<string, unknown>[]): string {
  if (!rows.length) return `<section><h2>${escape(caption)}</h2><p>None held.</p></section>`;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return `<section><h2>${escape(caption)}</h2><table><thead><tr>${columns
    .map((c) => `<th scope="col">${escape(c)}</th>`)
    .join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${columns.map((c) => `<td>${escape(shown(row[c]))}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></section>`;
}

function fields(caption: string, record: Record<string, unknown> | null): string {
  if (!record) return `<section><h2>${escape(caption)}</h2><p>None held.</p></section>`;
  return `<section><h2>${escape(caption)}</h2><dl>${Object.entries(record)
    .map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(shown(v))}</dd>`)
    .join('')}</dl></section>`;
}

/** The subject access export as a page a person can read: the same content as the JSON. */
export function subjectAccessPage(data: ParticipantData): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Your data held by Chorus</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}
dt{font-weight:bold}dd{margin:0 0 .5rem}</style></head>
<body><main><h1>Your data held by Chorus</h1>
<p>Everything this listening exercise holds about participant ${escape(shown(data.participant.code))}, as of ${escape(data.generatedAt)}.</p>
${fields('Registration', data.participant)}
${fields('Contact details', data.contact as Record<string, unknown> | null)}
${fields('Ethnicity, religion and disability', data.demographics as unknown as Record<string, unknown> | null)}
${table('Consents as they stand', data.consents)}
${table('Every consent decision, with the privacy notice shown', data.consentLedger)}
${table('What you said', data.responses)}
${table('How your words were coded into themes (and whether a suggestion was accepted)', data.codings)}
${table('Your words drawn to check that coders agree, and how it was settled', data.agreementItems)}
${table('Each coding kept for checking agreement (the first, and each blind second coding)', data.agreementCodings)}
${table('Quotes taken from your words', data.quotes)}
${table('Each step a quote went through', data.quoteSteps)}
${table('Where each quote was used, with the release or board report version', data.quoteUses)}
${table('Releases and reports a quote was taken out of', data.quoteRemovals)}
${table('Audit entries about you', data.auditEntries)}
</main></body></html>`;
}
