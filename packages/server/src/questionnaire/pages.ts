import { AgeBand, CityConnection, Disability, Ethnicity, LIMITS, Prompt, Religion } from '@chorus/shared';
import { en, type Messages } from './messages/en.js';
import { pl } from './messages/pl.js';
import { ur } from './messages/ur.js';
import { escapeHtml as escape } from '../common/html.js';

export const LANGUAGES = { en, ur, pl } as const;
export type Lang = keyof typeof LANGUAGES;
export const isLang = (value: unknown): value is Lang => typeof value === 'string' && value in LANGUAGES;

/** Where the questionnaire's pages and files are; the only paths it answers. */
export const PATHS = {
  start: '/questionnaire',
  done: '/questionnaire/done',
  withdraw: '/questionnaire/withdraw',
  withdrawn: '/questionnaire/withdrawn',
  css: '/questionnaire/assets/questionnaire.css',
  js: '/questionnaire/assets/questionnaire.js',
} as const;

/** What a resident has answered so far; carried from page to page in the form itself, stored nowhere. */
export interface Draft {
  lang: Lang;
  participation?: boolean;
  quote?: boolean;
  specialCategory?: boolean;
  answers: Partial<Record<Prompt, string>>;
  connections: CityConnection[];
  areaId?: string;
  ageBand?: AgeBand;
  ethnicity?: Ethnicity;
  religion?: Religion;
  disability?: Disability;
}

export const PROMPTS = Object.values(Prompt);
export type Step = 'consent' | Prompt | 'about' | 'special' | 'check';
export const STEPS: readonly Step[] = ['consent', ...PROMPTS, 'about', 'special', 'check'];
export const isStep = (value: unknown): value is Step => STEPS.includes(value as Step);

/** A message beside a field and in the error summary; `field` is the id the summary links to. */
export interface FieldError {
  field: string;
  message: string;
}

export interface PageFacts {
  noticeVersion: string;
  areas: { id: string; name: string }[];
}

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

function layout(
  m: Messages,
  title: string,
  body: string,
  options: { errors?: boolean; switcher?: string; footer?: string } = {},
) {
  return `<!doctype html>
<html lang="${m.lang}" dir="${m.dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.errors ? `${escape(m.errorPrefix)} ` : ''}${escape(title)} – ${escape(m.service)}</title>
<link rel="stylesheet" href="${PATHS.css}"><script src="${PATHS.js}" defer></script></head>
<body><a class="skip" href="#main">${escape(m.skip)}</a>
<header class="header"><div class="width"><span class="service">${escape(m.service)}</span>${options.switcher ?? ''}</div></header>
<div class="width"><main id="main" tabindex="-1">${body}</main></div>${
    options.footer ? `<footer class="footer"><div class="width">${options.footer}</div></footer>` : ''
  }</body></html>`;
}

/** Links to the same page in each other language (for pages with nothing typed to keep). */
function linkSwitcher(m: Messages, path: string): string {
  const others = Object.values<Messages>(LANGUAGES).filter((other) => other.lang !== m.lang);
  return `<nav class="languages" aria-label="${escape(m.languages)}"><ul>${others
    .map(
      (other) =>
        `<li><a href="${path}?lang=${other.lang}" lang="${other.lang}" hreflang="${other.lang}">${escape(other.name)}</a></li>`,
    )
    .join('')}</ul></nav>`;
}

/**
 * Buttons that switch language and keep what was typed on this page (they submit the form). Put
 * after the form, so that Enter in a field never presses one: a form's default button is its first.
 */
function buttonSwitcher(m: Messages): string {
  const others = Object.values<Messages>(LANGUAGES).filter((other) => other.lang !== m.lang);
  return `<nav class="languages" aria-label="${escape(m.languages)}"><ul>${others
    .map(
      (other) =>
        `<li><button class="link" form="questionnaire" name="action" value="lang:${other.lang}" lang="${other.lang}" formnovalidate>${escape(other.name)}</button></li>`,
    )
    .join('')}</ul></nav>`;
}

function errorSummary(m: Messages, errors: readonly FieldError[]): string {
  if (!errors.length) return '';
  return `<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${escape(m.errorTitle)}</h2><ul>${errors
    .map((e) => `<li><a href="#${e.field}">${escape(e.message)}</a></li>`)
    .join('')}</ul></div>`;
}

const errorFor = (errors: readonly FieldError[], field: string) => errors.find((e) => e.field === field);

function errorMessage(m: Messages, id: string, error: FieldError | undefined): string {
  return error
    ? `<p id="${id}-error" class="error-message"><span class="visually-hidden">${escape(m.errorPrefix)}</span> ${escape(error.message)}</p>`
    : '';
}

function describedBy(id: string, hint: boolean, error: FieldError | undefined): string {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ` aria-describedby="${ids.join(' ')}"` : '';
}

interface Choice {
  value: string;
  label: string;
}

function choices(
  m: Messages,
  kind: 'radio' | 'checkbox',
  name: string,
  legend: string,
  options: readonly Choice[],
  selected: readonly string[],
  errors: readonly FieldError[],
  hint?: string,
  legendClass = 'legend',
): string {
  const error = errorFor(errors, name);
  return `<div class="group${error ? ' group-error' : ''}"><fieldset${describedBy(name, Boolean(hint), error)}>
<legend class="${legendClass}">${escape(legend)}</legend>
${hint ? `<p id="${name}-hint" class="hint">${escape(hint)}</p>` : ''}${errorMessage(m, name, error)}
<div class="${kind === 'radio' ? 'radios' : 'checkboxes'}">${options
    .map((option, i) => {
      const id = i === 0 ? name : `${name}-${i + 1}`;
      return `<div class="item"><input class="input-${kind}" id="${id}" name="${name}" type="${kind}" value="${escape(option.value)}"${
        selected.includes(option.value) ? ' checked' : ''
      }><label for="${id}">${escape(option.label)}</label></div>`;
    })
    .join('')}</div></fieldset></div>`;
}

/** An enum's values as choices, each labelled from the messages. */
const optionsOf = <T extends string>(values: Record<string, T>, labels: Record<T, string>): Choice[] =>
  Object.values(values).map((value) => ({ value, label: labels[value] }));

/** One radio button for each of an enum's values, the draft's value chosen. */
function radios<T extends string>(
  m: Messages,
  name: string,
  legend: string,
  values: Record<string, T>,
  labels: Record<T, string>,
  value: T | undefined,
  errors: readonly FieldError[],
) {
  return choices(m, 'radio', name, legend, optionsOf(values, labels), value ? [value] : [], errors);
}

function yesNo(
  m: Messages,
  name: string,
  question: { legend: string; hint: string; yes: string; no: string },
  value: boolean | undefined,
  errors: readonly FieldError[],
) {
  return choices(
    m,
    'radio',
    name,
    question.legend,
    [
      { value: 'yes', label: question.yes },
      { value: 'no', label: question.no },
    ],
    value === undefined ? [] : [value ? 'yes' : 'no'],
    errors,
    question.hint,
  );
}

function select(
  m: Messages,
  name: string,
  label: string,
  options: readonly Choice[],
  value: string | undefined,
  errors: readonly FieldError[],
): string {
  const error = errorFor(errors, name);
  return `<div class="group${error ? ' group-error' : ''}"><label class="label" for="${name}">${escape(label)}</label>
${errorMessage(m, name, error)}<select class="select" id="${name}" name="${name}"${describedBy(name, false, error)}>${options
    .map(
      (o) =>
        `<option value="${escape(o.value)}"${o.value === (value ?? '') ? ' selected' : ''}>${escape(o.label)}</option>`,
    )
    .join('')}</select></div>`;
}

function hidden(token: string, draft: Draft, step: Step): string {
  return `<input type="hidden" name="token" value="${escape(token)}">
<input type="hidden" name="state" value="${escape(JSON.stringify(draft))}">
<input type="hidden" name="step" value="${step}">
<div class="trap"><label for="website">Leave this empty</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off"></div>`;
}

const button = (label: string, value: string, secondary = false) =>
  `<button class="button${secondary ? ' button-secondary' : ''}" name="action" value="${value}">${escape(label)}</button>`;

function wizard(
  m: Messages,
  token: string,
  draft: Draft,
  step: Step,
  title: string,
  errors: readonly FieldError[],
  inner: string,
) {
  const back = step === 'consent' ? '' : button(m.back, 'back', true);
  const next = step === 'check' ? '' : button(m.continue, 'next');
  return layout(
    m,
    title,
    `${errorSummary(m, errors)}<form id="questionnaire" method="post" action="${PATHS.start}" novalidate>
${hidden(token, draft, step)}${inner}<div class="buttons">${next}${back}</div></form>`,
    { errors: errors.length > 0, footer: buttonSwitcher(m) },
  );
}

export function startPage(m: Messages, token: string, facts: PageFacts, errors: readonly FieldError[] = []): string {
  const draft: Draft = { lang: m.lang as Lang, answers: {}, connections: [] };
  return layout(
    m,
    m.start.title,
    `${errorSummary(m, errors)}<h1 class="heading-xl">${escape(m.start.title)}</h1>
<p class="lead">${escape(m.start.intro)}</p><p>${escape(m.start.time)}</p><p>${escape(m.start.anonymous)}</p>
<p>${escape(m.start.privacy)}</p><p class="hint">${escape(fill(m.notice, { version: facts.noticeVersion }))}</p>
<form method="post" action="${PATHS.start}" novalidate>${hidden(token, draft, 'consent')}
<input type="hidden" name="begin" value="1"><button class="button button-start" name="action" value="begin">${escape(m.start.button)}</button></form>
<p><a href="${PATHS.withdraw}?lang=${m.lang}">${escape(m.start.withdrawLink)}</a></p>`,
    { errors: errors.length > 0, switcher: linkSwitcher(m, PATHS.start) },
  );
}

export function messagePage(m: Messages, title: string, body: string, link?: { href: string; text: string }): string {
  return layout(
    m,
    title,
    `<h1 class="heading-l">${escape(title)}</h1><p>${escape(body)}</p>${
      link ? `<p><a href="${link.href}">${escape(link.text)}</a></p>` : ''
    }`,
  );
}

export function stepPage(
  m: Messages,
  token: string,
  draft: Draft,
  step: Step,
  facts: PageFacts,
  errors: readonly FieldError[] = [],
): string {
  switch (step) {
    case 'consent':
      return wizard(
        m,
        token,
        draft,
        step,
        m.consent.title,
        errors,
        `<h1 class="heading-l">${escape(m.consent.title)}</h1><p>${escape(m.consent.intro)}</p>
<p class="hint">${escape(fill(m.notice, { version: facts.noticeVersion }))}</p>
${yesNo(m, 'participation', m.consent.participation, draft.participation, errors)}
${yesNo(m, 'quote', { ...m.consent.quote, legend: `${m.consent.quote.legend} ${m.optional}` }, draft.quote, errors)}`,
      );
    case 'about':
      return wizard(
        m,
        token,
        draft,
        step,
        m.about.title,
        errors,
        `<h1 class="heading-l">${escape(m.about.title)}</h1>
${choices(
  m,
  'checkbox',
  'connections',
  m.about.connections.legend,
  optionsOf(CityConnection, m.about.connections),
  draft.connections,
  errors,
  m.about.connections.hint,
)}
${select(
  m,
  'areaId',
  `${m.about.area.label} ${m.optional}`,
  [{ value: '', label: m.about.area.none }, ...facts.areas.map((a) => ({ value: a.id, label: a.name }))],
  draft.areaId,
  errors,
)}
${radios(m, 'ageBand', `${m.about.ageBand.legend} ${m.optional}`, AgeBand, m.about.ageBand, draft.ageBand, errors)}
${yesNo(m, 'specialCategory', { ...m.about.special, legend: `${m.about.special.legend} ${m.optional}` }, draft.specialCategory, errors)}`,
      );
    case 'special':
      return wizard(
        m,
        token,
        draft,
        step,
        m.special.title,
        errors,
        `<h1 class="heading-l">${escape(m.special.title)}</h1><p>${escape(m.special.hint)}</p>
${select(
  m,
  'ethnicity',
  m.special.ethnicity.label,
  [{ value: '', label: m.special.ethnicity.none }, ...optionsOf(Ethnicity, m.special.ethnicity)],
  draft.ethnicity,
  errors,
)}
${radios(m, 'religion', m.special.religion.legend, Religion, m.special.religion, draft.religion, errors)}
${radios(m, 'disability', m.special.disability.legend, Disability, m.special.disability, draft.disability, errors)}`,
      );
    case 'check':
      return wizard(m, token, draft, step, m.check.title, errors, checkAnswers(m, draft, facts));
    default: {
      const n = PROMPTS.indexOf(step) + 1;
      const error = errorFor(errors, 'answer');
      return wizard(
        m,
        token,
        draft,
        step,
        m.prompts[step],
        errors,
        `<div class="group${error ? ' group-error' : ''}"><span class="caption">${escape(fill(m.question, { n }))}</span>
<h1 class="label-wrapper"><label class="heading-l" for="answer">${escape(m.prompts[step])}</label></h1>
<p id="answer-hint" class="hint">${escape(m.answerHint)}</p>${errorMessage(m, 'answer', error)}
<textarea class="textarea" id="answer" name="answer" rows="8" maxlength="${LIMITS.textLength}" lang="${m.lang}"${describedBy(
          'answer',
          true,
          error,
        )}>${escape(draft.answers[step] ?? '')}</textarea></div>`,
      );
    }
  }
}

function checkAnswers(m: Messages, draft: Draft, facts: PageFacts): string {
  const yes = (value: boolean | undefined) => (value === undefined ? m.check.empty : value ? m.check.yes : m.check.no);
  const row = (key: string, value: string, step: Step) =>
    `<div class="summary-row"><dt>${escape(key)}</dt><dd class="summary-value">${escape(value)}</dd>
<dd class="summary-action"><button class="link" name="action" value="goto:${step}">${escape(m.check.change)}<span class="visually-hidden"> ${escape(key)}</span></button></dd></div>`;
  const area = facts.areas.find((a) => a.id === draft.areaId)?.name ?? m.check.empty;
  const rows = [
    row(m.check.keep, yes(draft.participation), 'consent'),
    row(m.check.quote, yes(draft.quote), 'consent'),
    ...PROMPTS.map((p) => row(m.prompts[p], draft.answers[p]?.trim() || m.check.empty, p)),
    row(
      m.about.connections.legend,
      draft.connections.map((c) => m.about.connections[c]).join(', ') || m.check.empty,
      'about',
    ),
    row(m.about.area.label, area, 'about'),
    row(m.about.ageBand.legend, draft.ageBand ? m.about.ageBand[draft.ageBand] : m.check.empty, 'about'),
    row(m.check.special, yes(draft.specialCategory), 'about'),
    ...(draft.specialCategory
      ? [
          row(
            m.special.ethnicity.label,
            draft.ethnicity ? m.special.ethnicity[draft.ethnicity] : m.check.empty,
            'special',
          ),
          row(
            m.special.religion.legend,
            draft.religion ? m.special.religion[draft.religion] : m.check.empty,
            'special',
          ),
          row(
            m.special.disability.legend,
            draft.disability ? m.special.disability[draft.disability] : m.check.empty,
            'special',
          ),
        ]
      : []),
  ];
  return `<h1 class="heading-l">${escape(m.check.title)}</h1><dl class="summary">${rows.join('')}</dl>
<p>${escape(m.check.sendHint)}</p><button class="button" name="action" value="send" data-once>${escape(m.check.send)}</button>`;
}

export function donePage(m: Messages, receipt: { code: string; secret: string } | null): string {
  if (!receipt) return messagePage(m, m.done.title, m.done.gone);
  return layout(
    m,
    m.done.title,
    `<div class="panel"><h1 class="heading-l">${escape(m.done.title)}</h1>
<dl><dt>${escape(m.done.codeLabel)}</dt><dd class="code" dir="ltr">${escape(receipt.code)}</dd>
<dt>${escape(m.done.secretLabel)}</dt><dd class="code" dir="ltr">${escape(receipt.secret)}</dd></dl></div>
<p><strong>${escape(m.done.keep)}</strong></p><h2 class="heading-m">${escape(m.done.next)}</h2><p>${escape(m.done.nextBody)}</p>
<p><a href="${PATHS.withdraw}?lang=${m.lang}">${escape(m.start.withdrawLink)}</a></p>`,
  );
}

export function withdrawPage(
  m: Messages,
  token: string,
  values: { code: string; secret: string },
  errors: readonly FieldError[] = [],
): string {
  const input = (name: 'code' | 'secret', label: string, hint: string) => {
    const error = errorFor(errors, name);
    return `<div class="group${error ? ' group-error' : ''}"><label class="label" for="${name}">${escape(label)}</label>
<p id="${name}-hint" class="hint">${escape(hint)}</p>${errorMessage(m, name, error)}
<input class="input" id="${name}" name="${name}" type="text" dir="ltr" spellcheck="false" autocomplete="off" autocapitalize="characters" value="${escape(
      values[name],
    )}"${describedBy(name, true, error)}></div>`;
  };
  return layout(
    m,
    m.withdraw.title,
    `${errorSummary(m, errors)}<h1 class="heading-l">${escape(m.withdraw.title)}</h1><p>${escape(m.withdraw.intro)}</p>
<form method="post" action="${PATHS.withdraw}" novalidate><input type="hidden" name="token" value="${escape(token)}">
<input type="hidden" name="lang" value="${m.lang}">
<div class="trap"><label for="website">Leave this empty</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
${input('code', m.withdraw.code, m.withdraw.codeHint)}${input('secret', m.withdraw.secret, m.withdraw.secretHint)}
<button class="button button-warning" data-once>${escape(m.withdraw.button)}</button></form>`,
    { errors: errors.length > 0, switcher: linkSwitcher(m, PATHS.withdraw) },
  );
}
