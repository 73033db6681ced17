import {
  AgeBand,
  CityConnection,
  Disability,
  ErrorCode,
  Ethnicity,
  LIMITS,
  Religion,
  type Prompt,
} from '@chorus/shared';
import express, { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { Caller } from '../access/caller.js';
import { DomainError } from '../common/errors.js';
import { RequestContext } from '../db/request-context.js';
import type { Logger } from '../logger.js';
import { RateLimitedError } from '../rate-limit/refusal.js';
import type { Services } from '../services.js';
import { ASSETS, type Asset } from './assets.js';
import { newDeviceId } from './form-token.js';
import type { Messages } from './messages/en.js';
import {
  donePage,
  isLang,
  isStep,
  LANGUAGES,
  messagePage,
  PATHS,
  PROMPTS,
  startPage,
  stepPage,
  STEPS,
  withdrawPage,
  type Draft,
  type FieldError,
  type Lang,
  type Step,
} from './pages.js';
import type { QuestionnaireAnswers } from './questionnaire.service.js';

const DEVICE_COOKIE = 'chorus_device';
const RECEIPT_COOKIE = 'chorus_receipt';
/** The code and secret can be shown again (a reload) for this long after sending, then never. */
const RECEIPT_SECONDS = 10 * 60;

function cookies(req: Request): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) jar.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return jar;
}

const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  values.includes(value as T) ? (value as T) : undefined;

const yesNo = (value: unknown): boolean | undefined => (value === 'yes' ? true : value === 'no' ? false : undefined);

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The draft carried in the form, read defensively: it came from the browser, like any input. */
function readDraft(body: Record<string, unknown>, fallback: Lang): Draft {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text(body.state) || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
  } catch {
    raw = {};
  }
  const answers: Partial<Record<Prompt, string>> = {};
  const rawAnswers = (raw.answers ?? {}) as Record<string, unknown>;
  for (const prompt of PROMPTS) {
    const answer = text(rawAnswers[prompt]).slice(0, LIMITS.textLength + 1);
    if (answer) answers[prompt] = answer;
  }
  const bool = (value: unknown) => (typeof value === 'boolean' ? value : undefined);
  return {
    lang: isLang(raw.lang) ? raw.lang : fallback,
    participation: bool(raw.participation),
    quote: bool(raw.quote),
    specialCategory: bool(raw.specialCategory),
    answers,
    connections: (Array.isArray(raw.connections) ? raw.connections : []).filter(
      (c): c is CityConnection => oneOf(Object.values(CityConnection), c) !== undefined,
    ),
    areaId: typeof raw.areaId === 'string' && raw.areaId ? raw.areaId : undefined,
    ageBand: oneOf(Object.values(AgeBand), raw.ageBand),
    ethnicity: oneOf(Object.values(Ethnicity), raw.ethnicity),
    religion: oneOf(Object.values(Religion), raw.religion),
    disability: oneOf(Object.values(Disability), raw.disability),
  };
}

/** What this page's own fields say, laid over the draft. */
function takeFields(draft: Draft, step: Step, body: Record<string, unknown>): Draft {
  switch (step) {
    case 'consent':
      return { ...draft, participation: yesNo(body.participation), quote: yesNo(body.quote) };
    case 'about': {
      const raw = body.connections;
      const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
      return {
        ...draft,
        connections: list.filter((c): c is CityConnection => oneOf(Object.values(CityConnection), c) !== undefined),
        areaId: text(body.areaId) || undefined,
        ageBand: oneOf(Object.values(AgeBand), body.ageBand),
        specialCategory: yesNo(body.specialCategory),
      };
    }
    case 'special':
      return {
        ...draft,
        ethnicity: oneOf(Object.values(Ethnicity), body.ethnicity),
        religion: oneOf(Object.values(Religion), body.religion),
        disability: oneOf(Object.values(Disability), body.disability),
      };
    case 'check':
      return draft;
    default:
      return { ...draft, answers: { ...draft.answers, [step]: text(body.answer).slice(0, LIMITS.textLength + 1) } };
  }
}

function validateStep(m: Messages, draft: Draft, step: Step): FieldError[] {
  if (step === 'consent' && draft.participation === undefined)
    return [{ field: 'participation', message: m.consent.participation.error }];
  if (step === 'about' && !draft.connections.length)
    return [{ field: 'connections', message: m.about.connections.error }];
  if (isPrompt(step) && (draft.answers[step]?.length ?? 0) > LIMITS.textLength)
    return [{ field: 'answer', message: m.tooLong.replace('{max}', String(LIMITS.textLength)) }];
  return [];
}

const isPrompt = (step: Step): step is Prompt => (PROMPTS as readonly string[]).includes(step);

/** The page after (or before) this one; the special-category page only once that consent was given. */
function neighbour(draft: Draft, step: Step, by: 1 | -1): Step {
  let at = STEPS.indexOf(step) + by;
  if (STEPS[at] === 'special' && draft.specialCategory !== true) at += by;
  return STEPS[Math.max(0, Math.min(STEPS.length - 1, at))]!;
}

function answersOf({ lang, areaId, ageBand, ethnicity, religion, disability, ...consentsAndAnswers }: Draft) {
  const answers: QuestionnaireAnswers = {
    ...consentsAndAnswers,
    areaId: areaId ?? null,
    ageBand: ageBand ?? null,
    demographics: consentsAndAnswers.specialCategory
      ? { ethnicity: ethnicity ?? null, religion: religion ?? null, disability: disability ?? null }
      : null,
    language: lang,
  };
  return answers;
}

/**
 * The public questionnaire, `/questionnaire`: server-made pages with plain forms, no sign-in, no
 * script needed. Each page posts the answers so far back in the form (nothing is stored until the
 * last page is sent, and never without PARTICIPATION consent); sending redirects to the page that
 * shows the code (POST/redirect/GET). Every form carries a token signed for this device's cookie
 * (CSRF, the minimum-time check, the idempotency key) and an empty honeypot field. Nothing a
 * resident types goes in a URL or a log line.
 */
export function questionnaireRoutes(
  dataSource: DataSource,
  engagementId: string,
  services: Services,
  logger: Logger,
  options: { production: boolean },
): Router {
  const router = Router();
  const tokens = services.questionnaireTokens;
  const requestId = (req: Request) => (typeof req.id === 'string' ? req.id : '');
  const context = (req: Request) => new RequestContext(dataSource, engagementId, Caller.resident, requestId(req));
  const secure = options.production ? '; Secure' : '';

  const device = (req: Request, res: Response): string => {
    const existing = cookies(req).get(DEVICE_COOKIE);
    if (existing && /^[\w-]{22}$/.test(existing)) return existing;
    const id = newDeviceId();
    res.append(
      'Set-Cookie',
      `${DEVICE_COOKIE}=${id}; Path=/questionnaire; HttpOnly; SameSite=Lax; Max-Age=31536000${secure}`,
    );
    return id;
  };
  const messages = (lang: unknown): Messages => LANGUAGES[isLang(lang) ? lang : 'en'];
  const send = (res: Response, status: number, html: string) =>
    void res.status(status).setHeader('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(html);
  const facts = (req: Request) => services.questionnaire.publicFacts(context(req));

  const serve = (asset: Asset) => (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('ETag', asset.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    res.type(asset.type);
    if (req.headers['if-none-match'] === asset.etag) return void res.status(304).end();
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      res.setHeader('Content-Encoding', 'gzip');
      return void res.send(asset.gzip);
    }
    res.send(asset.body);
  };
  router.get(PATHS.css, serve(ASSETS.css));
  router.get(PATHS.js, serve(ASSETS.js));

  router.get(PATHS.start, async (req, res) => {
    const m = messages(req.query.lang);
    const known = await facts(req);
    if (!known.open) return send(res, 200, messagePage(m, m.closed.title, m.closed.body));
    send(res, 200, startPage(m, tokens.issue(device(req, res)), known));
  });

  const form = express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 100 });

  router.post(PATHS.start, form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const fallback = isLang(body.lang) ? body.lang : 'en';
    let draft = readDraft(body, fallback);
    let m = messages(draft.lang);
    const known = await facts(req);
    if (!known.open) return send(res, 200, messagePage(m, m.closed.title, m.closed.body));
    const deviceId = device(req, res);
    const token = tokens.verify(body.token, cookies(req).get(DEVICE_COOKIE));
    // A form of another site, an expired form, or a lost cookie: start again with a fresh form.
    if (!token)
      return send(res, 400, startPage(m, tokens.issue(deviceId), known, [{ field: 'main', message: m.expired }]));
    if (text(body.website)) {
      logger.info({ requestId: requestId(req) }, 'questionnaire honeypot filled; nothing stored');
      return send(res, 400, messagePage(m, m.check.problem, m.check.problem));
    }
    const raw = text(body.token);
    const action = text(body.action);
    const step: Step = isStep(body.step) ? body.step : 'consent';
    if (action === 'begin') return send(res, 200, stepPage(m, raw, draft, 'consent', known));
    draft = takeFields(draft, step, body);
    if (action.startsWith('lang:') && isLang(action.slice(5))) {
      draft = { ...draft, lang: action.slice(5) as Lang };
      return send(res, 200, stepPage(messages(draft.lang), raw, draft, step, known));
    }
    if (action === 'back') return send(res, 200, stepPage(m, raw, draft, neighbour(draft, step, -1), known));
    if (action.startsWith('goto:') && isStep(action.slice(5)))
      return send(res, 200, stepPage(m, raw, draft, action.slice(5) as Step, known));
    if (action === 'send') return sendAnswers(req, res, m, raw, draft, deviceId);

    const errors = validateStep(m, draft, step);
    if (errors.length) return send(res, 400, stepPage(m, raw, draft, step, known, errors));
    if (step === 'consent' && draft.participation === false)
      return send(
        res,
        200,
        messagePage(m, m.declined.title, m.declined.body, {
          href: `${PATHS.start}?lang=${m.lang}`,
          text: m.declined.again,
        }),
      );
    m = messages(draft.lang);
    send(res, 200, stepPage(m, raw, draft, neighbour(draft, step, 1), known));
  });

  async function sendAnswers(req: Request, res: Response, m: Messages, raw: string, draft: Draft, deviceId: string) {
    const known = await facts(req);
    const token = tokens.verify(raw, deviceId)!;
    const check = (errors: FieldError[], status = 400) =>
      send(res, status, stepPage(m, raw, draft, 'check', known, errors));
    try {
      await services.rateLimits.questionnaire.charge('submit', req.ip ?? '', deviceId);
      const receipt = await services.questionnaire.submit(context(req), token, answersOf(draft));
      const sealed = services.questionnaireReceipts.seal({ ...receipt, lang: draft.lang });
      res.append(
        'Set-Cookie',
        `${RECEIPT_COOKIE}=${sealed}; Path=${PATHS.done}; HttpOnly; SameSite=Strict; Max-Age=${RECEIPT_SECONDS}${secure}`,
      );
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(303, PATHS.done);
    } catch (error) {
      if (error instanceof RateLimitedError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
        return send(res, 429, messagePage(m, m.limited.title, m.limited.body));
      }
      if (!(error instanceof DomainError)) throw error;
      if (error.code === ErrorCode.CONSENT_REQUIRED)
        return send(res, 200, messagePage(m, m.declined.title, m.declined.body));
      if (error.field === 'open') return send(res, 200, messagePage(m, m.closed.title, m.closed.body));
      if (error.field === 'tooFast') return check([{ field: 'main', message: m.check.tooFast }]);
      if (error.field === 'answers') return check([{ field: 'main', message: m.check.atLeastOne }]);
      // The page that asked it, with the answer to reword.
      if (error.field?.startsWith('copied.')) {
        const prompt = error.field.slice('copied.'.length) as Prompt;
        return send(res, 400, stepPage(m, raw, draft, prompt, known, [{ field: 'answer', message: m.check.copied }]));
      }
      if (error.field?.startsWith('answers.')) {
        const prompt = error.field.slice('answers.'.length) as Prompt;
        return send(
          res,
          400,
          stepPage(m, raw, draft, prompt, known, [
            { field: 'answer', message: m.tooLong.replace('{max}', String(LIMITS.textLength)) },
          ]),
        );
      }
      if (error.field === 'connections') return check([{ field: 'main', message: m.about.connections.error }]);
      return check([{ field: 'main', message: m.check.problem }]);
    }
  }

  router.get(PATHS.done, (req, res) => {
    const receipt = services.questionnaireReceipts.open<{ code: string; secret: string; lang: Lang }>(
      cookies(req).get(RECEIPT_COOKIE),
    );
    send(res, 200, donePage(messages(receipt?.lang ?? req.query.lang), receipt));
  });

  router.get(PATHS.withdraw, (req, res) => {
    const m = messages(req.query.lang);
    send(res, 200, withdrawPage(m, tokens.issue(device(req, res)), { code: '', secret: '' }));
  });

  router.post(PATHS.withdraw, form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const m = messages(body.lang);
    const deviceId = device(req, res);
    const values = { code: text(body.code).slice(0, 40), secret: text(body.secret).slice(0, 40) };
    const again = (errors: FieldError[], status = 400) =>
      send(res, status, withdrawPage(m, tokens.issue(deviceId), values, errors));
    if (!tokens.verify(body.token, cookies(req).get(DEVICE_COOKIE)))
      return again([{ field: 'code', message: m.expired }]);
    if (text(body.website)) return again([{ field: 'code', message: m.withdraw.noMatch }]);
    const errors: FieldError[] = [];
    if (!values.code.trim()) errors.push({ field: 'code', message: m.withdraw.codeMissing });
    if (!values.secret.trim()) errors.push({ field: 'secret', message: m.withdraw.secretMissing });
    if (errors.length) return again(errors);
    try {
      await services.rateLimits.questionnaire.charge('withdraw', req.ip ?? '', deviceId);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
      return send(res, 429, messagePage(m, m.limited.title, m.limited.body));
    }
    const withdrawn = await services.questionnaire.withdraw(context(req), values.code, values.secret);
    if (!withdrawn) return again([{ field: 'code', message: m.withdraw.noMatch }]);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, `${PATHS.withdrawn}?lang=${m.lang}`);
  });

  router.get(PATHS.withdrawn, (req, res) => {
    const m = messages(req.query.lang);
    send(res, 200, messagePage(m, m.withdraw.doneTitle, m.withdraw.doneBody));
  });

  return router;
}
