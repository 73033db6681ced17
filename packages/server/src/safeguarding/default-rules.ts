import { SafeguardingCategory } from '@chorus/shared';
import { RuleKind, type SafeguardingRule } from './rule-set.js';

const phrases = (category: SafeguardingCategory, texts: string[]): SafeguardingRule[] =>
  texts.map((text) => ({ category, kind: RuleKind.PHRASE, text }));
const patterns = (category: SafeguardingCategory, texts: string[]): SafeguardingRule[] =>
  texts.map((text) => ({ category, kind: RuleKind.PATTERN, text }));

const { RISK_OF_HARM, HATE_INCIDENT, ABUSE_DISCLOSURE } = SafeguardingCategory;

const RELATIVE =
  '(?:dad|father|mum|mother|stepdad|stepfather|stepmum|stepmother|husband|wife|partner|ex|boyfriend|girlfriend|brother|sister|uncle|aunt|auntie|cousin|son|daughter|carer|grandad|grandfather|nan|gran|grandmother)';

/**
 * The rule set an engagement starts with (version 0), until a safeguarding lead saves their own.
 * Tuned on src/safeguarding/corpus.ts; measured on it and on a held-out corpus by
 * rule-set.test.ts. Phrases match as whole words; patterns are case-insensitive regular
 * expressions over the text in lower case with straight apostrophes.
 */
export const DEFAULT_RULES: readonly SafeguardingRule[] = [
  ...phrases(RISK_OF_HARM, [
    'kill myself',
    'killing myself',
    'end it all',
    'end my life',
    'ending my life',
    'suicidal',
    'tried to kill',
    'want to die',
    'wanna die',
    'self-harm',
    'self harm',
    'self-harming',
    'self harming',
    'overdose',
    'better off without me',
    "don't want to be here any more",
    "don't want to be here anymore",
    'no point living',
    'no point in living',
    'get stabbed',
    'getting stabbed',
  ]),
  ...patterns(RISK_OF_HARM, [
    '\\b(hurt|hurting|cut|cutting|harm|harming|kill|killing) (myself|himself|herself|themselves)\\b',
    '\\b(bring|bringing|brings|carry|carrying|carries)\\b[^.]{0,30}\\bkni(fe|ves)\\b',
    '\\b(going to|gonna|will|threatened to|threatening to)\\s+(kill|stab|hurt|burn|shoot)\\b',
    '\\bthinking (about|of) (jumping|ending it|killing)\\b',
    '\\b(jump|jumping) (off|from) (the|a) (bridge|roof|building|car park)\\b',
  ]),
  ...phrases(HATE_INCIDENT, [
    'victim of a hate crime',
    'hate crime against',
    'go back to your own country',
    'go back to our own country',
    'go back to their own country',
    'go back to where you came from',
    'monkey noises',
    'no immigrants',
    'called me a terrorist',
  ]),
  ...patterns(HATE_INCIDENT, [
    '\\b(racist|racial|homophobic|transphobic|biphobic|islamophobic|antisemitic|anti-semitic|disablist)\\b[^.]{0,30}\\b(abuse|attacks?|attacked|comments?|graffiti|remarks?|insults?|names|slurs?|chanting)\\b',
    "\\b(attacked|beaten up|beat up|assaulted|targeted|abused|spat at|harassed|picked on|bullied)\\b[^.]{0,30}\\bbecause (he|she|they|i|we)('re|'m|'s| is| am| are)\\b[^.]{0,15}\\b(black|asian|muslim|jewish|gay|lesbian|bi|trans|disabled|polish|sikh|hindu|foreign|an immigrant|immigrants|a refugee|refugees)\\b",
    '\\bspat (at|on) (me|us|him|her|them|my)\\b',
    '\\b(pulled|ripped|tore|grabbed|yanked)( off)? (my|her|his|our) (hijab|turban|niqab|kippah|veil|burka)\\b',
    '\\bcalled (me|us|him|her|them|my \\w+) (a |an )?(terrorist|cripple|retard|spastic)\\b',
    '\\b(smashed|attacked|vandalised|vandalized|daubed|firebombed)\\b[^.]{0,40}\\b(mosque|synagogue|gurdwara|temple)\\b',
    '\\b(polish|black|asian|muslim|jewish|foreign|romanian|pakistani|indian|syrian|eastern european)( people| families| kids)? (should|must|need to) (get out|go home|go back)\\b',
  ]),
  ...phrases(ABUSE_DISCLOSURE, [
    'scared to go home',
    'frightened to go home',
    'afraid to go home',
    'being abused',
    'abused me',
    'sexually abused',
    'physically abused',
    'emotionally abused',
    'domestic abuse in our house',
    'domestic abuse at home',
    'domestic violence at home',
  ]),
  ...patterns(ABUSE_DISCLOSURE, [
    `\\bmy ${RELATIVE}('s (boyfriend|girlfriend|partner|husband|wife))?\\b[^.]{0,12}\\b(hits|hit|beats|beat|hurts|hurt|kicks|kicked|punches|punched|slaps|slapped|chokes|choked|strangles|strangled|touched|touches|threatens|threatened|locks|locked|pushed|pushes) (me|us|my|him|her)\\b`,
    '\\b(he|she) (pushed|hit|beat|punched|kicked|strangled|choked|slapped|raped) (me|us)\\b',
    "\\b(won't|will not|doesn't|does not) let me (have|see|go|leave|out|talk)\\b",
    '\\bnot allowed to (see|leave|go out|have|talk to)\\b',
    '\\btakes? (all )?my (money|pension|benefits|wages)\\b',
    '\\bchecks? where i go\\b',
    '\\b(ask|asks|asking|asked) me to send (photos|pictures|pics|nudes|images)\\b',
    '\\b(make|makes|made|making) me (carry|deliver|sell|hold)\\b',
  ]),
];
