import { SafeguardingCategory } from '@chorus/shared';

/** A sentence and what a safeguarding lead would flag it as (null: nothing to flag). */
export interface LabelledSentence {
  text: string;
  category: SafeguardingCategory | null;
}

const { RISK_OF_HARM: HARM, HATE_INCIDENT: HATE, ABUSE_DISCLOSURE: ABUSE } = SafeguardingCategory;

/**
 * The corpus the default rule set was tuned on: things residents might say in a listening
 * exercise. Positives in each category; negatives, many of them hard (the same words in a
 * harmless sense: "killing me", "hate crime workshop", "abuse of power").
 */
export const TUNING_CORPUS: LabelledSentence[] = [
  // Risk of harm: to oneself or to others.
  { text: "I've been thinking about killing myself since I lost my job.", category: HARM },
  { text: 'Sometimes I want to end it all, nobody would notice.', category: HARM },
  { text: 'I feel suicidal most weeks and there is no one to talk to.', category: HARM },
  { text: 'My daughter has been self-harming and the waiting list is a year long.', category: HARM },
  { text: "I just want to die, I can't cope with the debt.", category: HARM },
  { text: "There's no point living when you're this lonely.", category: HARM },
  { text: "I've hurt myself before and I'm scared I'll do it again.", category: HARM },
  { text: 'A boy at school said he is bringing a knife in to get the lads who bullied him.', category: HARM },
  { text: "My neighbour said he's going to kill the man who scratched his car, and I believe him.", category: HARM },
  { text: 'I took an overdose last year and nobody followed up.', category: HARM },
  { text: "I don't want to be here any more.", category: HARM },
  { text: "I've been cutting myself to cope with the stress.", category: HARM },
  { text: 'He threatened to burn the house down with us in it.', category: HARM },
  { text: 'I keep thinking everyone would be better off without me.', category: HARM },
  { text: 'There are kids carrying knives on the estate and someone is going to get stabbed.', category: HARM },
  { text: 'I stood on the bridge last month thinking about jumping.', category: HARM },

  // Hate incidents: targeted for who someone is.
  { text: 'A man spat at me on the bus and called me a terrorist because of my hijab.', category: HATE },
  { text: 'People shout racist abuse at my kids on the way to school.', category: HATE },
  { text: 'We were told to go back to our own country outside the Co-op.', category: HATE },
  { text: 'Someone smashed the windows of the mosque and wrote graffiti about Muslims.', category: HATE },
  { text: 'My son was beaten up because he is gay.', category: HATE },
  { text: "I was attacked because I'm Black, and the police never called back.", category: HATE },
  { text: 'There is antisemitic graffiti on the bridge by the station.', category: HATE },
  { text: 'Our trans members get homophobic and transphobic abuse every time we meet in the park.', category: HATE },
  { text: 'Kids threw eggs at our house and shouted that Polish people should get out.', category: HATE },
  { text: 'I was the victim of a hate crime last year and nobody was charged.', category: HATE },
  { text: 'A group pulled off my turban and laughed.', category: HATE },
  { text: 'My wheelchair was kicked and they called me a cripple.', category: HATE },
  { text: 'People make monkey noises at the Black players at the Sunday league.', category: HATE },
  { text: 'We had dog mess pushed through the letterbox with a note saying no immigrants.', category: HATE },
  { text: 'I get racist comments at work every single day.', category: HATE },

  // Abuse disclosures: someone is being harmed by a person they know.
  { text: 'My dad hits me when he gets angry.', category: ABUSE },
  { text: "My husband won't let me have any money of my own and checks where I go.", category: ABUSE },
  { text: "I'm scared to go home because of my mum's boyfriend.", category: ABUSE },
  { text: 'My uncle touched me when I was eight and I never told anyone.', category: ABUSE },
  { text: 'My partner beats me and I have nowhere else to go.', category: ABUSE },
  { text: 'I was sexually abused as a child by a family friend.', category: ABUSE },
  { text: 'My son takes my pension every week and shouts at me if I complain.', category: ABUSE },
  { text: "My girlfriend threatens me and I'm not allowed to see my family.", category: ABUSE },
  { text: 'An older man online keeps asking me to send photos and says not to tell my parents.', category: ABUSE },
  { text: 'My stepmum locks me in my room without food.', category: ABUSE },
  { text: 'There is domestic abuse in our house and the children see it.', category: ABUSE },
  { text: 'He pushed me down the stairs when I was pregnant.', category: ABUSE },
  { text: 'My brother hurts me and says he will do worse if I tell.', category: ABUSE },
  {
    text: 'Some older lads make me carry packages for them and say they will hurt my family if I stop.',
    category: ABUSE,
  },
  { text: 'I am being abused at home.', category: ABUSE },

  // Negatives that share words with the rules (hard negatives).
  { text: 'The traffic on the Potteries Way is killing me.', category: null },
  { text: 'I could kill for a decent bus service on a Sunday.', category: null },
  { text: 'The hate crime awareness workshop at the library was really useful.', category: null },
  { text: 'Drug abuse services need more funding in the north of the city.', category: null },
  { text: 'The abuse of power by the landlords is a scandal.', category: null },
  { text: 'I hate the new parking charges.', category: null },
  { text: 'That comedian absolutely killed it at the festival.', category: null },
  { text: 'My phone battery dies by lunchtime.', category: null },
  { text: 'The self-help group at the church hall got me through a hard year.', category: null },
  { text: 'I nearly died laughing at the panto.', category: null },
  { text: 'The knife crime project in Burslem is doing great work with young people.', category: null },
  { text: 'We went back to our own country for a holiday and missed the carnival.', category: null },
  { text: 'My dad hits the gym every morning before work.', category: null },
  { text: 'The suicide prevention training for taxi drivers is a great idea.', category: null },
  { text: 'The old pottery kilns are dying out and that is a shame.', category: null },
  { text: 'Our team got beaten three nil on Saturday.', category: null },
  { text: 'The bonfire night fireworks scare my dog.', category: null },
  { text: 'Anti-racism football sessions bring the lads together.', category: null },
  { text: 'The domestic abuse charity runs a drop-in on Tuesdays and people should know about it.', category: null },
  { text: 'The match was a massacre, we were awful.', category: null },
  { text: 'Alcohol abuse in the town centre on Friday nights puts people off going out.', category: null },
  { text: 'The bus driver shouted at me for not having change.', category: null },
  { text: 'I feel safe walking home now the lights are fixed.', category: null },
  { text: 'My mum takes my little brother to the swimming baths every week.', category: null },
  { text: 'I was scared to go to the dentist but they were lovely.', category: null },
  { text: 'The mosque, the church and the gurdwara ran the food bank together.', category: null },
  { text: 'Being gay here used to be hard but Pride in Hanley shows how far we have come.', category: null },
  { text: 'My grandad died last year and the bereavement group helped a lot.', category: null },
  { text: 'Kids shouted and threw snowballs at the park, it was lovely to see.', category: null },
  { text: 'Nobody would notice if the library shut, that is the problem, nobody goes.', category: null },
  { text: 'The cuts to the youth service are cutting kids off from support.', category: null },

  // Negatives: ordinary answers.
  { text: 'I love the parks and the canal towpath.', category: null },
  { text: 'The people on our street look out for each other.', category: null },
  { text: 'Buses stop too early in the evening.', category: null },
  { text: 'I want my kids to stay in the city when they grow up.', category: null },
  { text: 'More things for teenagers to do at weekends.', category: null },
  { text: 'The market in Longton is the heart of the town.', category: null },
  { text: 'Rents are going up faster than wages.', category: null },
  { text: 'I feel proud of the football club and the history.', category: null },
  { text: 'The GP surgery is impossible to get through to on the phone.', category: null },
  { text: 'We need better English classes for new arrivals.', category: null },
  { text: 'The library is where I feel I belong.', category: null },
  { text: 'Litter and fly-tipping make the area look neglected.', category: null },
  { text: 'The community garden brings old and young together.', category: null },
  { text: 'There are not enough jobs for school leavers.', category: null },
  { text: 'My neighbours from Syria are the kindest people I know.', category: null },
  { text: 'I would like the council to listen to small businesses.', category: null },
  { text: 'The cycle lanes stop halfway and just end at a roundabout.', category: null },
  { text: 'The ceramics festival makes me proud of where I live.', category: null },
  { text: 'Older people are lonely and need somewhere warm to go.', category: null },
  { text: 'The school has been brilliant with my autistic son.', category: null },
  { text: 'Faith groups do a lot that nobody sees.', category: null },
  { text: 'I volunteer at the hospice shop on Saturdays.', category: null },
  { text: 'Too many empty shops on the high street.', category: null },
  { text: 'The street party for the coronation was the best day we had in years.', category: null },
  { text: 'Trains to Manchester are always late.', category: null },
  { text: 'I want a city where my daughter can walk home safely at night.', category: null },
  { text: 'The leisure centre closing was a big loss.', category: null },
  { text: 'The carers centre is a lifeline for my family.', category: null },
  { text: 'I moved here from Romania and people have been welcoming.', category: null },
  { text: 'There should be more benches for older people in the town centre.', category: null },
  { text: 'The canal restoration volunteers are amazing.', category: null },
  { text: 'Street lighting on our road is poor.', category: null },
];
