import { SafeguardingCategory } from '@chorus/shared';
import type { LabelledSentence } from './corpus.js';

const { RISK_OF_HARM: HARM, HATE_INCIDENT: HATE, ABUSE_DISCLOSURE: ABUSE } = SafeguardingCategory;

/**
 * Held out: written before the rule set, and never used to tune it. The test reports the rule
 * set's recall and precision here as measured, without floors tuned to pass; docs/privacy.md
 * quotes the figures.
 */
export const HELD_OUT_CORPUS: LabelledSentence[] = [
  { text: "Some nights I just don't see the point in carrying on any more.", category: HARM },
  { text: "My mate said he's been cutting himself again since his mum died.", category: HARM },
  { text: "I've thought about taking all my tablets at once.", category: HARM },
  { text: "A lad in our flats keeps saying he's going to stab someone from the other estate.", category: HARM },
  { text: 'Someone painted a swastika on the synagogue wall by the park.', category: HATE },
  { text: 'Two men pulled my headscarf off at the bus stop and laughed.', category: HATE },
  { text: 'We get abuse shouted at us every Friday because my partner and I are both women.', category: HATE },
  { text: 'The neighbours keep telling us to go back where we came from.', category: HATE },
  { text: "My stepdad hits my mum when he's been drinking and I hide upstairs.", category: ABUSE },
  { text: "My boyfriend checks my phone and won't let me see my friends.", category: ABUSE },
  {
    text: "When I was little a coach at the club did things to me that I've never told anyone.",
    category: ABUSE,
  },
  { text: 'My carer takes my bank card and I never see my pension.', category: ABUSE },
  { text: "I'm frightened to go home after school because of what my uncle does.", category: ABUSE },
  { text: 'The queues at the doctors are killing me, honestly.', category: null },
  { text: "I'd die for a decent chippy on this road.", category: null },
  { text: 'The hate crime reporting centre at the library is a brilliant idea.', category: null },
  { text: 'We need more support for people recovering from drug abuse.', category: null },
  { text: "The council's abuse of the planning rules has ruined the high street.", category: null },
  { text: 'Our youth club cut its hours and the kids have nowhere to go.', category: null },
  { text: 'I go back to Poland every summer to see my gran.', category: null },
  { text: 'My dad taught me to fish at the canal, those are my best memories.', category: null },
  { text: 'The murder mystery night at the community centre was fantastic.', category: null },
  { text: 'Honestly the potholes make me want to scream.', category: null },
  { text: 'The food bank volunteers saved our family last winter.', category: null },
  { text: "There was a fight outside the pub years ago but it's calm now.", category: null },
];
