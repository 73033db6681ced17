import { Prompt } from '@chorus/shared';

/**
 * Words for the demo: the codebook and the phrase banks responses are built from. Everything is
 * invented; places are real Stoke-on-Trent landmarks, people are never named.
 *
 * A phrase may hold `{a|b|c}` (one option is picked) and `{town}` (the speaker's town), also
 * inside options, so the same idea reads differently each time it is used.
 */

export type ThemeKey =
  | 'community'
  | 'neighbourliness'
  | 'heritage'
  | 'loneliness'
  | 'inclusion'
  | 'groups'
  | 'services'
  | 'gp'
  | 'mentalHealth'
  | 'libraries'
  | 'economy'
  | 'jobs'
  | 'costOfLiving'
  | 'townCentres'
  | 'place'
  | 'greenSpaces'
  | 'litter'
  | 'housing'
  | 'safety'
  | 'asb'
  | 'youngPeople'
  | 'youth'
  | 'transport'
  | 'buses';

export interface ThemeDefinition {
  key: ThemeKey;
  name: string;
  description: string;
  children?: ThemeDefinition[];
}

export const THEME_TREE: ThemeDefinition[] = [
  {
    key: 'community',
    name: 'Community & belonging',
    description: 'How connected, proud and at home people feel in their neighbourhood and the city.',
    children: [
      {
        key: 'neighbourliness',
        name: 'Neighbourliness',
        description: 'Neighbours looking out for one another; everyday kindness and mucking in.',
      },
      {
        key: 'heritage',
        name: 'Pride in heritage',
        description: "The Potteries story: pottery, bottle kilns, oatcakes and each of the Six Towns' identity.",
      },
      {
        key: 'loneliness',
        name: 'Loneliness',
        description: 'Feeling isolated or without anyone to turn to, including carers and older people.',
      },
      {
        key: 'inclusion',
        name: 'Inclusion & welcome',
        description: 'Feeling welcome, or not, across cultures, faiths, languages, disabilities and identities.',
      },
      {
        key: 'groups',
        name: 'Community groups & volunteering',
        description: 'Faith groups, food banks, clubs and volunteers that hold places together.',
      },
    ],
  },
  {
    key: 'services',
    name: 'Public services',
    description: 'Council, health and other public services: reaching them, and being listened to.',
    children: [
      {
        key: 'gp',
        name: 'GP & health access',
        description: 'Getting a GP, dentist, hospital appointment or ambulance when it is needed.',
      },
      {
        key: 'mentalHealth',
        name: 'Mental health',
        description: 'Support for mental health and wellbeing, and how long it takes to get it.',
      },
      {
        key: 'libraries',
        name: 'Libraries & community spaces',
        description: 'Libraries, community centres and warm spaces: free, open places to meet.',
      },
    ],
  },
  {
    key: 'economy',
    name: 'Economy & work',
    description: 'Work, money and the health of the local high streets.',
    children: [
      {
        key: 'jobs',
        name: 'Jobs & skills',
        description: 'Good, secure work; apprenticeships, training and retraining.',
      },
      { key: 'costOfLiving', name: 'Cost of living', description: 'Bills, food prices, rents and making ends meet.' },
      {
        key: 'townCentres',
        name: 'Town centres',
        description: 'Hanley and the other town centres: shops, markets and things to do.',
      },
    ],
  },
  {
    key: 'place',
    name: 'Place & environment',
    description: 'The look, feel and upkeep of streets, homes and green spaces.',
    children: [
      {
        key: 'greenSpaces',
        name: 'Green spaces',
        description: 'Parks, the canals, Trentham, the lakes and allotments.',
      },
      {
        key: 'litter',
        name: 'Litter & fly-tipping',
        description: 'Rubbish, fly-tipping, dog mess and overflowing bins.',
      },
      {
        key: 'housing',
        name: 'Housing',
        description: 'Affordability, damp and disrepair, waiting lists and homelessness.',
      },
    ],
  },
  {
    key: 'safety',
    name: 'Safety',
    description: 'Feeling safe at home, on the street and after dark.',
    children: [
      {
        key: 'asb',
        name: 'Antisocial behaviour',
        description: 'Drug dealing, nuisance bikes, vandalism and groups causing trouble.',
      },
    ],
  },
  {
    key: 'youngPeople',
    name: 'Young people',
    description: 'Growing up in the city: schools, opportunities and having a say.',
    children: [
      {
        key: 'youth',
        name: 'Youth provision',
        description: 'Youth clubs, sport and safe places for young people to go.',
      },
    ],
  },
  {
    key: 'transport',
    name: 'Transport',
    description: 'Getting around: roads, parking, cycling and trains.',
    children: [{ key: 'buses', name: 'Buses', description: 'Bus reliability, routes, fares and evening services.' }],
  },
];

/**
 * Who can plausibly say a phrase: `young` (under 25), `grown` (25 and over, or unknown), `older`
 * (55 and over). Phrases without a voice suit anyone.
 */
export type Voice = 'young' | 'grown' | 'older';

export interface Phrase {
  text: string;
  /** What an analyst would code it to; empty for answers that say nothing codeable. */
  themes: ThemeKey[];
  voice?: Voice;
}

export interface PromptBank {
  /** The heart of an answer: one to three sentences, first person. */
  substance: Phrase[];
  /** Whole answers of a few words, as on a questionnaire. */
  short: Phrase[];
  openers: string[];
  closers: string[];
}

const p = (text: string, themes: ThemeKey[], voice?: Voice): Phrase => ({ text, themes, voice });

export const COMMON_OPENERS = [
  'Honestly?',
  'Right, OK.',
  'Good question, that.',
  'Ooh, where do I start.',
  "I'll be honest with you.",
  'Hmm, let me think.',
  'Straight answer?',
  "I'll keep it short.",
  'How long have you got?',
  'Not sure really, but here goes.',
  'Ay up, right.',
  "Oh, that's a big one.",
  "I've thought about this a lot, actually.",
  'Same as everyone, probably.',
  'This might sound daft.',
  'Can I be blunt?',
  'Well.',
  'Put it this way.',
  'I said this at the last one of these too.',
  'My other half would say something different, mind.',
];

export const COMMON_CLOSERS = [
  "That's it really.",
  'Anyway.',
  "Sorry, I've gone on a bit.",
  'Put that in your report!',
  'Simple as that.',
  'Does that make sense?',
  'But what do I know.',
  'I could go on.',
  "Ask anyone round here, they'll say the same.",
  "It's not rocket science.",
  "That's my two penn'orth.",
  'Write that down, duck.',
  'Ha!',
  'Make of that what you will.',
  'Everyone I know says the same.',
  'Hope that helps.',
];

/** Said after the first sentence of a point. */
export const ASIDES = [
  'Honestly.',
  'I mean it.',
  'Seriously.',
  'You know what I mean?',
  'No word of a lie.',
  'Straight up.',
  "It's true.",
  'Swear down.',
];

/** Between two ideas in one answer. An empty bridge just runs them on. */
export const BRIDGES = [
  '',
  '',
  'Another thing.',
  'Oh, and one more thing.',
  "And while I'm at it.",
  'Also.',
  'On a different note.',
  'Same goes for this.',
];

/** How a facilitator heads up notes of a group's discussion. */
export const GROUP_NOTE_LEADS = [
  'Group notes:',
  'Table one:',
  'Table two:',
  'Table three:',
  'From the flipchart:',
  'Sticky notes wall:',
  'Came up more than once:',
  'Several people agreed:',
  'General feeling in the room:',
  'Facilitator note:',
  'Small group discussion:',
];

export const GROUP_NOTE_TAILS = [
  '',
  '',
  'Most of the room agreed.',
  'A couple of people disagreed.',
  'Strong feeling on this one.',
  'Raised by two people.',
  'Lots of nodding.',
  'Someone else said the opposite.',
];

// One phrase a line, so each bank reads as a list.
// prettier-ignore
export const PHRASES: Record<Prompt, PromptBank> = {
  [Prompt.VALUES]: {
    openers: ['What do I value? Easy.', "The thing I'd miss if I moved away?", 'Best thing about Stoke?', 'What I love about it here?'],
    closers: ["You don't get that everywhere.", "I wouldn't swap it.", "That's Stoke for you.", "Don't tell anyone, they'll all want to move here."],
    short: [
      p('The people.', ['community']),
      p('Oatcakes, obviously.', ['heritage']),
      p('My family.', ['community']),
      p('Trentham.', ['greenSpaces']),
      p('The Vale!', ['community']),
      p('Neighbours.', ['neighbourliness']),
      p('The park.', ['greenSpaces']),
      p('Friendly people.', ['neighbourliness']),
      p('Not much, to be honest.', []),
      p("It's home.", ['community']),
      p('The library.', ['libraries']),
      p('Our heritage.', ['heritage']),
    ],
    substance: [
      p("The people, {honestly|to be fair|no question}. You can't walk to the shop without someone calling you duck.", ['neighbourliness']),
      p('My neighbours. When I had my {operation|hip done|knee done} they did my bins and brought me oatcakes every Saturday without me asking.', ['neighbourliness'], 'grown'),
      p("Everybody knows everybody round here. That can {drive you mad|get on your nerves}, mind, but it means someone's always looking out for you.", ['neighbourliness']),
      p('The history. You look up and there\'s a bottle kiln at the end of the street. My {nan|grandad|great-nan} worked on a potbank for forty years.', ['heritage']),
      p("Being from the Potteries. We made the plates the whole world ate off, and I don't think people here realise how big that was.", ['heritage']),
      p("Oatcakes. I'm not even joking, a {cheese and bacon|sausage and cheese|cheese and tomato} oatcake on a Saturday morning is the best thing about this city.", ['heritage']),
      p("Trentham Gardens and the Monkey Forest. We go most {weekends|Sundays} with the kids, it's the one proper day out we can afford.", ['greenSpaces'], 'grown'),
      p('The canal. I walk the towpath from Etruria {to Westport Lake|up towards Middleport} most mornings and it clears my head.', ['greenSpaces', 'mentalHealth']),
      p("Hanley Park since they did it up. The pavilion, the {boating lake|bandstand|café}, it feels like somewhere you'd want to be again.", ['greenSpaces']),
      p('Port Vale. Win or lose, Saturday at Vale Park is where I see all my {mates|family|old work lot}.', ['community']),
      p("Stoke City, obviously. Even when we're {rubbish|awful|bottom half} it's the thing the whole family talks about.", ['community']),
      p("My church. It's not just Sunday, it's the food bank, the {toddler group|lunch club|youth group}, the lot.", ['groups']),
      p("The mosque on a Friday and the {community kitchen|free lunch} afterwards. Anyone can come, you don't have to be Muslim.", ['inclusion', 'groups']),
      p('Family. Most of mine live within {two|three} streets of each other, which is either lovely or a nightmare depending on the day.', ['community']),
      p("It's cheap compared to other places. I could never own a house anywhere else on my wages.", ['housing', 'costOfLiving'], 'grown'),
      p("The library in {town}. It's warm, it's free, and the staff never make you feel daft for asking.", ['libraries']),
      p("That it's real. Nobody puts on airs {here|round here|in {town}}, what you see is what you get.", ['community']),
      p("The sense of humour. We've had a lot of knocks as a city and people still have a laugh about it.", ['community']),
      p("Being able to get out into the countryside quick. {Ten|Fifteen} minutes and you're in the {Moorlands|middle of nowhere|fields}.", ['greenSpaces']),
      p("The Six Towns each having their own feel. Tunstall isn't Longton and Longton isn't Burslem, and we like it that way.", ['heritage']),
      p("Burslem being the Mother Town. There's a pride there that you don't get from a shopping centre.", ['heritage', 'townCentres']),
      p('The markets. Longton market, Tunstall market, you can still have a natter with the {stall holders|traders}.', ['townCentres', 'neighbourliness']),
      p("The community centre. It's where my {mum|nan} goes for her dinner club and it's the only time she sees people some weeks.", ['libraries', 'loneliness'], 'grown'),
      p("My allotment. It's me, a flask and the robins, and the {blokes|lot} on the next plot will give you anything.", ['greenSpaces', 'neighbourliness'], 'older'),
      p('The kids\' school. The teachers there go above and beyond, they know every {family|kid} by name.', ['youngPeople'], 'grown'),
      p('Diversity, if I\'m honest. I grew up in Shelton and my mates were Polish, Pakistani, Kurdish, all sorts.', ['inclusion']),
      p("The quiet. I know people moan there's nothing to do, but I like that I can hear the birds.", ['place']),
      p('That people muck in. When the {floods|snow} came everyone was out helping, no one asked who you were.', ['neighbourliness']),
      p("The theatres. The Regent and the Victoria Hall get the big {shows|musicals|pantos} and you're not paying London prices.", ['townCentres']),
      p('The Potteries Museum. I take my grandkids to see the Spitfire and the Staffordshire Hoard and they love it.', ['heritage'], 'older'),
      p("My job, to be fair. The factory's been good to me for {twenty|fifteen|nearly thirty} years.", ['jobs'], 'grown'),
      p("Being near my family and my faith community. That's it, that's what keeps me here.", ['community', 'groups']),
      p('Knowing the {bloke in the chippy|lady in the oatcake shop|fella at the paper shop}, the {lady in the post office|lads at the barbers}. Little things, but they add up.', ['neighbourliness']),
      p('Central Forest Park. It used to be a pit and now it\'s all trees, that says something about this place.', ['greenSpaces', 'heritage']),
      p("The youth club on a {Tuesday|Thursday}. It's the only place I can just be myself.", ['youth'], 'young'),
      p("My mates. We've all grown up together in {town} and we look after each other.", ['community'], 'young'),
      p("Honestly, the football cage down the road. It's not much but it's ours.", ['youth'], 'young'),
      p('How friendly people are on the bus. Someone will always chat to you, even if you don\'t want them to.', ['neighbourliness', 'buses']),
      p('Being central. You can get to Manchester or Birmingham on the train in under an hour.', ['transport']),
      p("The walks. Bathpool Park, Tunstall Park, Westport Lake, I've done them all with the {dog|kids|walking group}.", ['greenSpaces']),
      p("It's a place that doesn't give up. We lost the pits, we lost most of the potbanks, and we're still here.", ['heritage', 'jobs']),
      p("The volunteers. There's a lady at our food bank who's been there every Thursday for {nine|eleven} years.", ['groups']),
      p("Our street WhatsApp group. Lost cats, spare ladders, who's got a parcel, it's {brilliant|a lifesaver}.", ['neighbourliness']),
      p("That my kids can walk to their nan's. You don't get that in a big city.", ['community', 'safety'], 'grown'),
      p("The university being here. It's brought young people in and some of them even stay.", ['jobs', 'youngPeople']),
      p('Feeling like I belong somewhere. I moved here from {Poland|Romania|Syria} {twelve|eight} years ago and this is home now.', ['inclusion']),
      p("Bottle kilns on the skyline. {Visitors|My cousins from down south} think they're weird chimneys, I think they're beautiful.", ['heritage']),
    ],
  },

  [Prompt.BELONGING]: {
    openers: ['Proud? Yeah, mostly.', 'Where do I feel at home?', "Belonging's a funny word.", 'Included? Depends where.'],
    closers: ["It's home, innit.", 'Funny old place.', "It's getting better, slowly.", "That's just how it is."],
    short: [
      p('At the football.', ['community']),
      p('Church.', ['groups']),
      p('My street.', ['neighbourliness']),
      p('Not really anywhere.', ['loneliness']),
      p('The youth club.', ['youth']),
      p('Down the allotment.', ['greenSpaces']),
      p('Proud Stokie, me.', ['heritage']),
      p("Don't know really.", []),
    ],
    substance: [
      p("I feel proudest at the football. {Thirty thousand|A whole ground of} people singing Delilah, you can't beat it.", ['community']),
      p('I feel at home in {town}. Everyone knows me down the pub.', ['neighbourliness']),
      p("Walking round Hanley I don't feel like I belong any more. Half the shops are shut and it's just {vape shops and phone shops|vape shops and barbers|nail bars and vape shops}.", ['townCentres']),
      p('At my mosque I feel completely included. Outside of it, sometimes people look at my hijab like I\'m the problem.', ['inclusion']),
      p("I moved from {Manchester|Birmingham|Leeds} and it took {years|ages} before anyone asked me round for a brew. Now I wouldn't live anywhere else.", ['inclusion', 'neighbourliness']),
      p('As a wheelchair user, half the town centre is off limits. The pavements in {town} are a nightmare.', ['inclusion', 'townCentres']),
      p('When they lit up the bottle kilns for the festival I actually felt proud. Properly proud.', ['heritage']),
      p("I don't feel part of anything since I retired. The days are long and nobody knocks.", ['loneliness'], 'older'),
      p("At church I feel like I matter. Outside, I'm just another {old man|old woman|pensioner} on a bench.", ['loneliness', 'groups'], 'older'),
      p("I'm proud of my street. We did a street party {for the Coronation|last summer} and loads of people came out who I'd never met.", ['neighbourliness']),
      p("I feel like an outsider because of my accent. People are nice to my face but I'm never invited to things.", ['inclusion']),
      p("At the young carers group I feel normal. Everywhere else I'm the kid who can't come out because of my mum.", ['youth', 'inclusion'], 'young'),
      p('I\'m proud when people from outside slag Stoke off and I get to tell them about the pottery and Wedgwood.', ['heritage']),
      p("Honestly I feel more connected online than in {town}. There's nowhere to go locally.", ['loneliness', 'libraries']),
      p('Fenton gets forgotten. Everyone says the Six Towns and then {forgets|acts like} there were six.', ['heritage', 'place']),
      p('My allotment is where I belong. Twenty plots, twenty nationalities, one water tap to argue over.', ['inclusion', 'greenSpaces']),
      p("Walking home from the bus stop at night I don't feel welcome in my own area. Lads hanging round the shop.", ['asb', 'safety']),
      p("I love the Polish shop and the Polish mass on a Sunday, it makes me feel I haven't lost everything from home.", ['inclusion', 'groups']),
      p("Being a carer, I don't really belong anywhere. I'm just too tired to go to {things|anything}.", ['loneliness']),
      p("I'm a proud Stokie. I'll defend this city to anyone, even when it drives me up the wall.", ['community', 'heritage']),
      p('I feel included at the library{| in {town}}. Nobody asks why you\'re there.', ['libraries', 'inclusion']),
      p('I never feel included when decisions get made. Someone from the council turns up, takes notes, and we never hear back.', ['services']),
      p("The Christmas lights switch-on in {town}. That's when I feel part of something.", ['community', 'townCentres']),
      p("As a gay man I feel fine in Hanley but I'd think twice about holding hands on some of the estates.", ['inclusion', 'safety']),
      p("At the mums and tots group in Longton. Before I found it I didn't speak to another adult all week.", ['loneliness', 'groups'], 'grown'),
      p('Since the pub closed there\'s nowhere to bump into people. It was the heart of the {estate|village|community}.', ['loneliness', 'townCentres']),
      p("At school I feel like I fit in, but there's nothing to do after school so we end up at the bus station.", ['youth'], 'young'),
      p("Proud of the way the city came together for the refugees. People I'd never have expected turned up with bags of stuff.", ['inclusion', 'neighbourliness']),
      p("I belong at the rugby club. It's the only place I talk about how I'm feeling.", ['mentalHealth', 'groups']),
      p('When I go to Middleport Pottery and see them still making stuff by hand, I feel it in my chest.', ['heritage']),
      p("I don't feel proud of the city centre, no. Visitors get off the train and the first thing they see is boarded-up shops.", ['townCentres']),
      p("Being Black in Stoke is mostly fine, but you notice you're the only one in the room a lot.", ['inclusion']),
      p("I feel connected when I volunteer at the {food bank|charity shop|community fridge}. You're doing something that matters.", ['groups']),
      p("I'm a student and the Stokies have been lovely, but I still feel like I'm only passing through.", ['inclusion', 'youngPeople'], 'young'),
      p("My estate has a bad name, and people judge you on your address. It's not fair on the decent families.", ['place']),
      p("Being deaf, most events aren't set up for me. No BSL, no loop. So I just don't go.", ['inclusion']),
      p("At the Vale, I'm with my dad and my grandad. Three generations in the same stand.", ['community'], 'young'),
      p('I feel at home on the canal. The {boaters|dog walkers} all wave, there\'s a proper community on the water.', ['greenSpaces', 'neighbourliness']),
      p("I feel left out because everything's online now. I haven't got a smartphone and I don't want one.", ['inclusion', 'services'], 'older'),
      p('Going to the gurdwara with my grandparents. They tell me about when they first came to Stoke.', ['inclusion', 'heritage'], 'young'),
      p("I don't feel proud when I see the fly-tipping. You start to think, does anyone care about this place?", ['litter']),
      p("The parkrun at {Hanley Park|Central Forest Park} on a Saturday. Nobody cares how fast you are.", ['greenSpaces', 'groups']),
      p("I feel like Stoke doesn't belong to young people. Everything is for old people or for drinking.", ['youth'], 'young'),
      p("Honestly, nowhere. I've lived here {three|four} years and I still don't know my neighbours' names.", ['loneliness', 'neighbourliness']),
      p('In Longton I feel at home. In Hanley I feel like a visitor.', ['townCentres', 'place']),
      p("At the bowls club in {town}. They took me in when I'd lost my wife and I'll never forget it.", ['loneliness', 'groups'], 'older'),
    ],
  },

  [Prompt.CHALLENGES]: {
    openers: ["Don't get me started.", 'Where do I begin with this one.', 'How long is your notepad?', "I'll try not to moan too much.", 'The big one for me?'],
    closers: ["It's not right, is it?", "Something's got to give.", 'Rant over.', "Sorry, that's a bit of a moan.", 'And nobody listens.'],
    short: [
      p('Buses.', ['buses']),
      p('Money.', ['costOfLiving']),
      p('Potholes!', ['transport']),
      p('GP appointments.', ['gp']),
      p('Litter.', ['litter']),
      p('Jobs.', ['jobs']),
      p('Drugs.', ['asb']),
      p('Loneliness, mostly.', ['loneliness']),
      p('Nothing for the kids.', ['youth']),
      p('Where do you start.', []),
    ],
    substance: [
      p("The buses. The 24 doesn't turn up half the time and when it does it's {full of kids|rammed|late}.", ['buses']),
      p("Getting a GP appointment. You ring at {eight|half eight}, you're {forty-third|thirty-second|fifty-something} in the queue, and by the time you get through they're all gone.", ['gp']),
      p("The cost of everything. My {gas bill|energy bill|rent} {doubled|went through the roof} and my wages didn't.", ['costOfLiving'], 'grown'),
      p("Fly-tipping down the {back alleys|entries|canal path}. Mattresses, {fridges|sofas|tyres}, you name it. The council picks it up and it's back a week later.", ['litter']),
      p("There's nothing for kids to do. They shut the youth club and now they hang round the shops and everyone moans about them.", ['youth', 'asb']),
      p('Loneliness. Since my {wife|husband} passed I can go days without speaking to anyone.', ['loneliness'], 'older'),
      p("Potholes. I've done two tyres this year on the same road in {town}.", ['transport']),
      p("Jobs that pay. There's loads of {warehouse|agency|call centre} work but it's zero hours and you can't plan your life round it.", ['jobs']),
      p('Mental health support. My {son|daughter} waited {fourteen months|over a year} to see someone and nearly didn\'t make it.', ['mentalHealth'], 'grown'),
      p("Hanley bus station at night. I wouldn't go through there after dark, not on my own.", ['safety', 'buses']),
      p('Drug dealing in the {park|alley behind the shops} in broad daylight. Everyone knows, nobody does anything.', ['asb', 'greenSpaces']),
      p('The town centres are dying. {town} used to be heaving on a Saturday, now it\'s charity shops and bookies.', ['townCentres']),
      p('{Damp|Mould} in the house. The landlord just tells us to open a window.', ['housing']),
      p("Getting to work without a car. If you start at {six|half six|five} there isn't a bus, full stop.", ['buses', 'jobs']),
      p("Prejudice. My daughter wears a headscarf and she's had comments at the bus stop.", ['inclusion', 'safety'], 'grown'),
      p("The waiting list for a council house. We've been on it {four|five} years and we're still in one bedroom with two kids.", ['housing'], 'grown'),
      p("Speeding on our road. It's a rat run for people avoiding the D Road.", ['transport', 'safety']),
      p("Broadband out our way is rubbish, which is a problem when everything's online now.", ['services']),
      p("Being a young carer. I miss school a lot and the teachers don't always get it.", ['youngPeople'], 'young'),
      p("Language. My English is getting better but forms, phone calls to the council, it's very hard.", ['inclusion', 'services']),
      p("Not enough dentists. We haven't had an NHS dentist {since ours retired|for three years}.", ['gp']),
      p('The ambulance waits. My {dad|mum} waited seven hours on the floor after a fall.', ['gp'], 'grown'),
      p("Childcare costs more than I earn, so what's the point in working?", ['costOfLiving', 'jobs'], 'grown'),
      p('Litter everywhere{| in {town}}. Nobody seems to take pride any more, and the bins are always overflowing.', ['litter']),
      p('{Motorbikes|Scramblers} and quad bikes tearing round the {estate|park} at all hours.', ['asb']),
      p("The library opening hours have been cut so much it's basically never open when I'm not at work.", ['libraries']),
      p('Everything\'s moving to Hanley. The other towns are getting left behind.', ['townCentres', 'place']),
      p('Rents have gone mad. Landlords from {down south|London} are buying up whole streets.', ['housing', 'costOfLiving']),
      p("Being on my own with the kids and no family nearby. There's no one to call when you're ill.", ['loneliness'], 'grown'),
      p('The streetlights are off {half the night|after midnight} to save money and it feels really unsafe.', ['safety']),
      p("Skills. I was in pottery {thirty|twenty-five} years and now there's nothing I can do with that.", ['jobs'], 'older'),
      p("Apprenticeships. Everyone tells you to do one but there's none going round here.", ['jobs', 'youngPeople'], 'young'),
      p('Getting to Royal Stoke for appointments. Two buses and a walk, and if you miss it they {strike you off|send you to the back of the queue}.', ['buses', 'gp']),
      p("Shops selling vapes to kids. My {twelve-year-old's|thirteen-year-old's} mates are all on them.", ['youngPeople'], 'grown'),
      p("Empty buildings. The old potbanks are just rotting, it's a waste.", ['heritage', 'place']),
      p("Nowhere to go in the evenings that isn't a pub. Not everyone drinks.", ['community']),
      p('Cuts to everything. Every time something good starts, the funding runs out after a year.', ['groups', 'services']),
      p('Parking in {town|Hanley} costs a fortune now, so people just go to Festival Park instead.', ['townCentres', 'transport']),
      p("Anxiety. I don't go out much and it's hard to find anything that isn't in a big noisy group.", ['mentalHealth', 'loneliness']),
      p('Dog mess. Every single pavement on the way to {school|the shops|the bus stop}.', ['litter']),
      p("{Burglaries|Break-ins}. We've been done {twice|three times} and the police just gave us a crime number.", ['safety']),
      p("Rough sleeping in Hanley has got worse. It breaks my heart and I don't know how to help.", ['housing']),
      p("The digital stuff. My bank shut, the council wants you online, and I can't do it.", ['services', 'inclusion'], 'older'),
      p("Racism online. People say things on the local Facebook groups they'd never say to your face.", ['inclusion']),
      p("Nowhere safe to cycle. The canal towpath is the only bit and it's full of puddles.", ['transport', 'greenSpaces']),
      p('Getting my son a school place near us. We got our fifth choice, two buses away.', ['youngPeople'], 'grown'),
      p('Investment. Nobody builds anything here except warehouses and {vape shops|car washes}, and the profits go elsewhere.', ['economy']),
      p("Food prices. I'm doing the big shop at the food bank now and I never thought I'd say that.", ['costOfLiving']),
    ],
  },

  [Prompt.FUTURE]: {
    openers: ["In ten years' time?", 'If I had a magic wand?', 'What do I want?', 'Dream big, you said.', 'For the city, or for me?'],
    closers: ['Is that too much to ask?', 'Fingers crossed.', 'We can but hope.', 'We deserve it, we really do.', "It's not a lot to ask."],
    short: [
      p('Better buses.', ['buses']),
      p('Cleaner streets.', ['litter']),
      p('More for the kids.', ['youth']),
      p('Hope, really.', []),
      p('Homes people can afford.', ['housing']),
      p('Good jobs.', ['jobs']),
      p('A proper town centre.', ['townCentres']),
      p('Just to be happy.', []),
    ],
    substance: [
      p('I want my kids to have a reason to stay. Good jobs, not just warehouses.', ['jobs'], 'grown'),
      p('A proper bus service. Every {ten|fifteen} minutes, till late, and cheap. Then people would actually use it.', ['buses']),
      p('Hanley full of life again. Independent shops, places to eat, {people living above the shops|things on in the evening}.', ['townCentres']),
      p("I'd love the old potbanks turned into flats and studios instead of knocked down.", ['heritage', 'housing']),
      p("Somewhere for young people that's open in the evenings and actually run by young people.", ['youth']),
      p('A city where you can see a GP the same week. Same week, not same month.', ['gp']),
      p('Clean streets. {Just that|Nothing else}. If the place looked cared for, people would care for it.', ['litter']),
      p('Green jobs. We were the workshop of the world once, why not again with solar panels or whatever comes next.', ['jobs', 'heritage']),
      p("I'd like the canals to be a proper attraction, cafes along the towpath, like they've done in Birmingham.", ['greenSpaces']),
      p('More {police|PCSOs} on foot. Not in cars, on foot, where people can talk to them.', ['safety']),
      p("Affordable homes for young people. I'm {twenty-three|twenty-four} and still in my old bedroom.", ['housing'], 'young'),
      p('A city people are proud to say they\'re from, not one they apologise for.', ['heritage', 'community']),
      p('I want to be able to grow old here and not be stuck in my flat with no one coming round.', ['loneliness'], 'older'),
      p('More done for mental health, especially for lads. Too many of my mates have struggled on their own.', ['mentalHealth']),
      p('Trams. I know, I know. But it worked in {Manchester and Nottingham|Manchester|Nottingham}.', ['transport']),
      p('The Six Towns working together instead of fighting over who gets the money.', ['place', 'services']),
      p("Every town with a decent market and a library that's open.", ['townCentres', 'libraries']),
      p("A future where my daughter doesn't have to leave to get a good job.", ['jobs', 'youngPeople'], 'grown'),
      p('More festivals and events. The ceramics biennial was brilliant, we need more of that.', ['heritage']),
      p("Warmer homes. Insulate the terraces and people's bills would come down overnight.", ['housing', 'costOfLiving']),
      p("A city where nobody goes hungry{| or cold}. We shouldn't need food banks in this day and age.", ['costOfLiving']),
      p('More trees, more green, less concrete. Especially round {Hanley bus station|the ring road}.', ['greenSpaces']),
      p('I want my grandkids to know about the pottery, not just see it in a museum.', ['heritage'], 'older'),
      p('Cycle lanes that actually join up. At the moment they just stop and dump you on the A500.', ['transport']),
      p("Somewhere for teenagers that isn't the shopping centre. A skate park, a gig venue, anything.", ['youth'], 'young'),
      p('Community centres open every day, with a {cafe|kitchen} and things going on for all ages.', ['libraries', 'community']),
      p("I'd like people to be listened to, properly, and then see something actually change.", ['services']),
      p("Better training for adults. I'm {forty-eight|fifty-two} and I'd retrain tomorrow if it was free and local.", ['jobs'], 'grown'),
      p('A future where everyone feels welcome, whatever their colour, religion or accent.', ['inclusion']),
      p('The big employers investing back in the place. They make millions here, they can spare some.', ['economy', 'jobs']),
      p('Less antisocial stuff so I can let my kids play out like I did.', ['asb', 'youngPeople'], 'grown'),
      p("A proper night-time economy in {Hanley|the town centres}. Somewhere to go that isn't just a pub crawl.", ['townCentres']),
      p('Buses that connect the towns to each other, not everything going through Hanley.', ['buses']),
      p('{Port Vale in the Championship, Stoke back in the Premier League|Stoke back in the Premier League, Vale in the Championship}. Dream big!', ['community']),
      p("I'd love a proper music venue again. Bands used to come to Stoke.", ['townCentres', 'youngPeople']),
      p("Young people having a say in how the city's run, not just being talked about.", ['youngPeople', 'inclusion'], 'young'),
      p('Quicker help when things go wrong. Not a {twelve-week|six-month} wait for everything.', ['services', 'mentalHealth']),
      p("Streets where neighbours know each other again, like when I was a kid in {town}.", ['neighbourliness'], 'grown'),
      p('Empty shops used for something. Pop-ups, artists, youth groups, anything but shutters.', ['townCentres']),
      p("I want to open my own {café|barbers|bakery} here and not have it fail in a year because nobody comes into town.", ['jobs', 'townCentres']),
      p("A cleaner canal and Westport Lake looked after. It's a gem and we don't shout about it.", ['greenSpaces']),
      p("A hospital that isn't on its knees. The staff at Royal Stoke are amazing but there's not enough of them.", ['gp']),
      p('More things in different languages, so my mum can join in too.', ['inclusion', 'services']),
      p("For Stoke to be known for something good again. Not the 'worst place to live' lists.", ['heritage', 'community']),
      p("Free travel for under-eighteens. Kids can't get to anything without a lift.", ['buses', 'youngPeople']),
      p('Safe walking routes to school, with crossings that work and drivers that slow down.', ['safety', 'transport'], 'grown'),
    ],
  },

  [Prompt.WHAT_WORKS]: {
    openers: ["Credit where it's due.", 'Some things are good, to be fair.', "It's not all doom and gloom.", 'What works?', "I'll say something positive for once."],
    closers: ['More of that, please.', 'Keep it going.', "Don't cut it!", "Fund it properly and it'd be even better.", 'Tell the council that!'],
    short: [
      p('The library.', ['libraries']),
      p('Food bank.', ['costOfLiving']),
      p('Youth club.', ['youth']),
      p('Not a lot, honestly.', []),
      p('Community centre.', ['libraries']),
      p('The park.', ['greenSpaces']),
      p('Litter pickers.', ['litter']),
      p('Bus pass.', ['buses']),
    ],
    substance: [
      p("The food bank at the church. Nobody judges you and they'll sort you out with a coffee and a chat.", ['groups', 'costOfLiving']),
      p('The warm spaces last winter. The library did {soup|soup and toast|hot drinks} and it was rammed every day.', ['libraries', 'costOfLiving']),
      p('Hanley Park since the restoration. More of that in the other towns, please.', ['greenSpaces']),
      p('The community police officer who comes to our residents\' meeting. When {he|she}\'s there, things get done.', ['safety']),
      p("The youth club in {town}, but it's only open two nights. It needs to be five.", ['youth']),
      p('The social prescribing at my GP. They put me onto a walking group and it honestly changed my life.', ['gp', 'mentalHealth']),
      p("Litter picking groups. Our lot get out every {Sunday|Saturday morning}, and it's spreading.", ['litter', 'groups']),
      p('The ceramics festivals. They bring people in and make us feel proud.', ['heritage']),
      p("Local Facebook groups, believe it or not. When someone needs something it's sorted within the hour.", ['neighbourliness']),
      p("The library's free computer classes. I can do my own Universal Credit now.", ['libraries', 'services'], 'grown'),
      p('Mental health cafes. Drop in, {cup of tea|brew}, no appointment, no form.', ['mentalHealth']),
      p("Men's sheds. My husband was lost after he retired and now he's there three days a week.", ['loneliness', 'groups'], 'older'),
      p('The community fridge at the community centre. Less food wasted and people get fed.', ['costOfLiving', 'groups']),
      p("Bus passes for older people. Without mine I'd never leave the house.", ['buses', 'loneliness'], 'older'),
      p("Street parties and the summer {fun days|festivals}. They don't cost much and everyone comes out.", ['neighbourliness']),
      p('The university working with schools. My son went on a taster day and now he wants to go.', ['youngPeople'], 'grown'),
      p("The fly-tipping cameras. It's cut it right down on our road, to be fair.", ['litter']),
      p("Apprenticeships with the local firms. My lad got one and he's flying.", ['jobs'], 'grown'),
      p('Trentham and the Monkey Forest bring visitors in. We should shout about them more.', ['greenSpaces', 'economy']),
      p("The young carers group. It's the only place where I don't have to explain myself.", ['youth'], 'young'),
      p("The markets where they've brought in street food. Longton on a Friday is buzzing now.", ['townCentres']),
      p("ESOL classes at the college. My English is much better and I've made friends.", ['inclusion', 'jobs']),
      p("The canal volunteers. They've cleared whole stretches and put bird boxes up.", ['greenSpaces', 'groups']),
      p('The Saturday football sessions for kids in the park. Free, and they feed them after.', ['youth']),
      p('Neighbourhood watch on our {road|street}. Sounds old-fashioned but it works.', ['safety', 'neighbourliness']),
      p('Faith groups working together. The interfaith walk was one of the best days I\'ve had in Stoke.', ['inclusion', 'groups']),
      p('The pharmacy doing more. I get seen quicker there than at the {GP|surgery}.', ['gp']),
      p('The credit union instead of loan sharks. It saved us when we were desperate.', ['costOfLiving'], 'grown'),
      p('The arts projects in empty shops in Burslem. Gives the place a bit of life.', ['townCentres', 'heritage']),
      p("Nothing works if it only lasts a year. What's needed is funding that stays.", ['services', 'groups']),
      p('The job club at the library. They helped me with my CV and I got an interview.', ['jobs', 'libraries']),
      p("The cycle path along the canal. I cycle to work now and I've lost a stone.", ['transport', 'greenSpaces'], 'grown'),
      p('Having a named social worker who actually rang back. When it works, it really works.', ['services']),
      p("Lunch clubs for older people. My mum's met friends there she wouldn't have otherwise.", ['loneliness'], 'grown'),
      p('The refugee welcome groups. They did more for my family than any office.', ['inclusion']),
      p("Community gardens. Ours used to be wasteland full of needles and now it's got veg beds.", ['greenSpaces', 'asb']),
      p("Honestly, the bin men. They're out in all weathers and they're always cheerful.", ['litter', 'services']),
      p('The pop-up health checks in community centres. Not everyone can get to a surgery.', ['gp', 'libraries']),
      p("The homework club. My kids get help I can't give them.", ['youngPeople', 'libraries'], 'grown'),
      p('{Boxing|Football} club down the road. Keeps the lads out of trouble and teaches them respect.', ['youth', 'asb']),
      p('The {night bus|late bus} they trialled at Christmas. Bring it back, please.', ['buses']),
      p('The repair cafe in Tunstall. Bring your broken toaster, get a brew, meet people.', ['groups', 'costOfLiving']),
      p('Schools opening their halls for community stuff in the {holidays|evenings}.', ['youngPeople', 'libraries']),
      p('The ward councillor\'s surgeries. When you actually get to talk to someone, things move.', ['services']),
      p('The heritage open days. Getting inside the old potbanks, people queued round the block.', ['heritage']),
      p("The holiday activity scheme. My two got fed and kept busy all August, and it didn't cost me a penny.", ['youngPeople', 'costOfLiving'], 'grown'),
    ],
  },
};
