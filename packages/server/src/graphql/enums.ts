import { registerEnumType } from 'type-graphql';
import {
  AgeBand,
  AreaKind,
  CityConnection,
  ConsentMethod,
  ConsentPurpose,
  FlagSource,
  FlagStatus,
  Disability,
  EthnicGroup,
  Ethnicity,
  Prompt,
  Religion,
  ResponseSource,
  QuestionnaireSessionMode,
  Channel,
  Role,
  SafeguardingCategory,
  Sector,
  SessionFormat,
  SessionStatus,
} from '@chorus/shared';

registerEnumType(Role, { name: 'Role', description: 'What a signed-in user or API key may do; see docs/api.md.' });
registerEnumType(Sector, { name: 'Sector', description: 'The sector a partner organisation works in.' });
registerEnumType(AreaKind, { name: 'AreaKind', description: 'What kind of place an area is.' });
registerEnumType(SessionFormat, { name: 'SessionFormat', description: 'How a session hears people.' });
registerEnumType(SessionStatus, { name: 'SessionStatus', description: 'Where a session is in its life.' });
registerEnumType(CityConnection, {
  name: 'CityConnection',
  description: 'How a participant is connected to the city.',
});
registerEnumType(AgeBand, { name: 'AgeBand', description: 'Age band; PREFER_NOT_TO_SAY is always allowed.' });
registerEnumType(ConsentPurpose, { name: 'ConsentPurpose', description: 'What a consent covers.' });
registerEnumType(ConsentMethod, { name: 'ConsentMethod', description: 'How a consent was given or refused.' });
registerEnumType(Prompt, { name: 'Prompt', description: 'The question a response answers.' });
registerEnumType(ResponseSource, { name: 'ResponseSource', description: 'Where a response came from.' });
registerEnumType(QuestionnaireSessionMode, {
  name: 'QuestionnaireSessionMode',
  description:
    'Which QUESTIONNAIRE session the public questionnaire files answers under: one per area, or one for the channel.',
});
registerEnumType(Channel, {
  name: 'Channel',
  description:
    'How people were heard: a session format, the questionnaire answered online or on paper (typed up by staff), or a bulk import.',
});
registerEnumType(SafeguardingCategory, {
  name: 'SafeguardingCategory',
  description: 'What a safeguarding flag is about: RISK_OF_HARM, HATE_INCIDENT or ABUSE_DISCLOSURE.',
});
registerEnumType(FlagStatus, { name: 'FlagStatus', description: 'OPEN until a safeguarding lead closes it.' });
registerEnumType(FlagSource, {
  name: 'FlagSource',
  description: 'RULE: the rule set matched at submission; MANUAL: a member of staff flagged it.',
});
registerEnumType(Ethnicity, {
  name: 'Ethnicity',
  description: 'The 19 ethnic groups of the 2021 Census (England and Wales), and PREFER_NOT_TO_SAY.',
});
registerEnumType(EthnicGroup, {
  name: 'EthnicGroup',
  description: 'The five high-level ethnic groups of the 2021 Census.',
});
registerEnumType(Religion, {
  name: 'Religion',
  description: 'Religion, as the 2021 Census asks it, and PREFER_NOT_TO_SAY.',
});
registerEnumType(Disability, {
  name: 'Disability',
  description:
    'The GSS harmonised disability questions: a condition lasting 12 months or more, and how much it reduces day-to-day activities.',
});
