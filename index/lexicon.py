"""The one word list for names: titles, roles, particles, courtesy words, speech verbs.

Quote attribution (index.quotes.names, index.quotes.attribution, index.quotes.extract),
speaker look-ups (index.quotes.speakers), sentence splitting (index.sentences) and bylines
(index.ingest.articles) all read the words that surround a person's name from here, so a
title added once is known everywhere. Compared casefolded, without a final period.
Hand-written for English news.
"""

from __future__ import annotations

# Words that are titles or roles when they stand before a name (compared casefolded,
# without a final period).
TITLE_WORDS: frozenset[str] = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister
    president vice prime minister secretary chancellor senator sen rep representative
    congressman congresswoman congressmember gov governor mayor lt lieutenant gen general
    col colonel maj major capt captain sgt sergeant adm admiral cmdr commander judge justice
    chief chairman chairwoman chair ceo cfo coo director leader spokesman spokeswoman
    spokesperson ambassador envoy king queen prince princess pope sheikh emir ayatollah
    deputy assistant attorney speaker commissioner superintendent inspector officer
    minority majority whip candidate nominee founder executive head council defense defence
    security foreign interior state home justice treasury finance health labor labour house
    senate national federal democratic republican democrat gop tory labor labour liberal
    conservative former acting interim ex then late mp mep secretary-general general-secretary
    u.s us u.k uk eu un nato white chief-executive presidential engineer manager master
    inspector analyst economist lawyer doctor nurse pastor bishop cardinal rabbi imam
    coach chairperson treasurer auditor prosecutor detective constable sheriff
    resident shopkeeper librarian teacher student volunteer organiser organizer
    owner worker witness neighbour neighbor activist campaigner delegate anchor columnist
    reporter correspondent editor historian scientist researcher strategist pollster
    consultant adviser advisor aide official firefighter paramedic surgeon physician
    veteran citizen chef architect designer actor actress artist musician comedian
    spokesperson lawmaker legislator professor headteacher principal administrator
    councillor councilor cllr alderman msp mla shadow boss skipper striker midfielder defender
    goalkeeper winger manager presenter host broadcaster dj rapper singer songwriter
    producer author novelist writer playwright poet director-general chairman-elect
    president-elect premier chancellor commissioner regulator trustee governor-general
    """.split()
)

# Words that make a capitalised phrase an organisation or place rather than a person.
ORG_WORDS: frozenset[str] = frozenset(
    """
    post times journal news tribune herald gazette telegraph guardian times daily weekly
    review magazine press associated reuters network channel radio tv television
    house department ministry committee party campaign council office agency commission
    bureau service services court administration government congress senate parliament
    assembly union association institute university college school foundation fund bank
    group inc corp corporation co company ltd llc plc board center centre council
    organization organisation kremlin pentagon police army navy force forces command
    project coalition alliance league federation society club team network watch report
    poll times-picayune politifact cnn fbi cia nsa
    conseil institut banque societe agence comite ministere ministerio instituto banco
    consejo partido parti partei bundesbank bundestag
    """.split()
)

STOP_CAPS: frozenset[str] = frozenset(
    """
    the a an in on at after before during when while but and or if as for to from with by
    of this that these those it its he she they we i you his her their our my your there
    here then so yet still however meanwhile also although though because since until
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december today yesterday tomorrow
    according despite even last next earlier later asked speaking writing mr. mrs. one
    often soon not other now some many most all both each every few several such what why
    how who where just only already indeed instead nevertheless nonetheless moreover
    furthermore perhaps maybe once again yes no well thus hence whether unless among
    within without through throughout across along around under over near upon first
    second third finally overall like unlike please read watch see click follow update
    updated breaking note editor
    more less much any none nobody everyone everybody someone somebody anyone anybody
    another others everything something nothing likewise similarly besides amid beyond nor
    ever never editorial thousands hundreds dozens millions scores officials residents
    critics experts analysts supporters observers sources witnesses authorities protesters
    voters people members aides advisers advisors staff workers students parents families
    neighbours neighbors locals organisers organizers fans visitors customers users viewers
    readers growers farmers owners firefighters police americans republicans democrats
    hours minutes moments days weeks months years transcript ok okay
    """.split()
)

PARTICLES: frozenset[str] = frozenset({"de", "da", "del", "della", "der", "van", "von", "bin",
                                       "ibn", "al", "el", "la", "le", "di", "du", "dos", "das",
                                       "ter", "ten"})
SUFFIXES: frozenset[str] = frozenset({"jr", "sr", "ii", "iii", "iv", "qc", "kc", "sc"})

FEMALE_TITLES: frozenset[str] = frozenset({"mrs", "ms", "miss", "dame", "lady", "queen",
                                           "princess", "sister", "congresswoman", "chairwoman",
                                           "spokeswoman"})
MALE_TITLES: frozenset[str] = frozenset({"mr", "sir", "lord", "king", "prince", "father", "fr",
                                         "congressman", "chairman", "spokesman", "sheikh", "emir",
                                         "pope"})

# Common first names whose gender is clear; a small hand-written list, used only to
# keep "she said" from landing on a man and "he said" on a woman.
FEMALE_FIRST: frozenset[str] = frozenset(
    """
    hillary chelsea nancy elizabeth mary maria anna anne ann angela theresa teresa sarah sara
    susan karen linda barbara jennifer jessica emily emma olivia sophia laura lisa julia julie
    kamala michelle melania ivanka kellyanne condoleezza madeleine samantha nikki sheryl
    marine ursula kristalina christine jacinda liz priti yulia olena tatiana natalia
    svetlana irina olga ivanna iryna oksana veronika victoria margaret catherine kate diana
    helen helena carla claire clare rachel rebecca ruth sandra sharon stephanie tina amy
    alice jane joan joanna kelly debbie deborah donna dana heather megan hannah jill kirsten
    tulsi patty amy elise marsha maxine nikki sylvia tammy val valerie wendy yvonne
    hope huma donna loretta sally susana janet gina ilhan alexandria rashida ayanna
    """.split()
)
MALE_FIRST: frozenset[str] = frozenset(
    """
    donald joe joseph barack bill william george john james robert michael david richard
    charles thomas mark paul steven steve kevin brian jeff jeffrey mike mitch ted marco
    rand chris christopher bernie ben benjamin tim timothy mitt jeb rick newt rudy rudolph
    paul vladimir volodymyr sergei sergey dmitry dmitri rustem andriy andrii oleksandr
    emmanuel boris keir rishi gordon tony david nicolas jared eric jim tom peter
    frank gary greg harry henry jack jason kenneth larry matt matthew nick patrick ron scott
    sean sam samuel stephen trey adam alan andrew anthony dan daniel dennis doug edward
    franklin fred gerald jerry jon jonathan jose juan kirk lloyd luis martin max nathan
    neil oliver philip phil ralph ray raymond reince roger roy russell ryan stuart todd
    vince walter wayne xi recep bashar hassan ali mohammed muhammad ahmed abdullah omar
    """.split()
)


# Adjectives of nationality, region and religion: capitalised, often before a name
# ("Dutch striker Jaap Stam"), never a speaker's name themselves.
DEMONYMS: frozenset[str] = frozenset(
    """
    american british english scottish welsh irish northern french german dutch belgian
    spanish portuguese italian greek swiss austrian swedish norwegian danish finnish
    icelandic polish czech slovak hungarian romanian bulgarian serbian croatian bosnian
    slovenian albanian ukrainian russian belarusian lithuanian latvian estonian georgian
    armenian turkish kurdish iranian iraqi syrian lebanese israeli palestinian jordanian
    saudi yemeni omani emirati qatari kuwaiti egyptian libyan tunisian algerian moroccan
    nigerian ghanaian kenyan ethiopian somali sudanese ugandan tanzanian zimbabwean
    zambian angolan congolese african asian european arab indian pakistani afghan
    bangladeshi nepalese chinese japanese korean taiwanese vietnamese thai cambodian
    malaysian indonesian filipino singaporean australian canadian mexican brazilian
    argentine argentinian chilean peruvian colombian venezuelan cuban latin
    christian catholic protestant anglican orthodox evangelical muslim islamic islamist
    sunni shia shiite jewish hindu sikh buddhist
    anglo franco sino euro pan
    """.split()
)

# Nouns for a person of a nation ("the Dutchman", "the Scot"): news calls the person its
# story is about by them instead of repeating the name. Adjectives that double as nouns
# ("the American") count only when no noun follows them ("the American economy"). Those
# that are also common surnames ("Cuban", "Turk", "Irish") are left out: "Cuban said".
DEMONYM_NOUNS: frozenset[str] = frozenset(
    """
    dutchman dutchwoman frenchman frenchwoman englishman englishwoman irishman irishwoman
    scotsman scotswoman welshman welshwoman scot spaniard swede dane finn pole briton brit
    kiwi aussie argentine american australian canadian italian german brazilian russian
    belgian norwegian nigerian kenyan ghanaian jamaican portuguese chilean colombian
    mexican austrian ukrainian croatian serbian czech hungarian romanian bulgarian
    swiss greek thai iraqi israeli palestinian pakistani indian afghan saudi egyptian
    iranian syrian lebanese chinese japanese korean filipino peruvian venezuelan
    argentinian zimbabwean zambian ethiopian ugandan sudanese somali moroccan algerian
    tunisian libyan jordanian estonian latvian lithuanian georgian armenian slovak
    slovenian bosnian albanian
    """.split()
)

# Nouns news uses for a person it has just named, beside the titles ("the star of the film
# said", "the veteran added"): a definite one refers back to that person.
PERSON_NOUNS: frozenset[str] = frozenset(
    """
    star legend veteran icon actor actress singer rapper dj presenter player athlete
    sprinter boxer golfer cyclist swimmer batsman bowler footballer youngster teenager
    ace champion striker midfielder defender winger captain skipper keeper goalkeeper
    driver rider forward flanker hooker fly-half scrum-half full-back quarterback pitcher
    agent promoter trainer jockey expert pensioner survivor widow widower lecturer
    """.split()
)

# First names borne by men and women alike in the news ("Lindsey Graham", "Lindsey
# Vonn"): no gender is guessed from them; the article's "Mr"/"Ms" or pronouns decide.
UNISEX_FIRST: frozenset[str] = frozenset(
    "lindsey kim jordan alex pat jamie taylor morgan casey robin leslie jean "
    "terry ashley shannon tracy stacey jody toni andrea nicola rio".split()
)

# People spoken of as a group ("City experts", "Labour officials"): a capitalised word
# before one of them is a modifier, never a name.
GROUP_NOUNS: frozenset[str] = frozenset(
    """
    officials residents critics experts analysts supporters observers sources witnesses
    authorities protesters voters people members aides advisers advisors staff workers
    students parents families neighbours neighbors locals organisers organizers fans
    visitors customers users viewers readers growers farmers owners firefighters police
    mps ministers leaders executives economists lawyers campaigners activists investors
    traders bankers brokers insiders figures chiefs bosses players groups crowds
    marchers demonstrators spectators onlookers
    """.split()
)

# The ones a speaker addresses, whose chanted or shouted reply does not end the speaker's
# turn ('"Nooooo!" the crowd cried.' between two of a candidate's questions)
AUDIENCE_NOUNS: frozenset[str] = frozenset(
    """
    crowd crowds audience audiences fans supporters spectators onlookers protesters
    demonstrators marchers hecklers delegates
    """.split()
)

# Words that make "Democrats" or "Republicans" a party's name ("the Liberal Democrats",
# "Social Democrats", "Lib Dems") instead of a group of people ("House Democrats").
PARTY_IDEOLOGIES: frozenset[str] = frozenset(
    "liberal lib social christian free progressive".split()
)
PARTY_MEMBERS: frozenset[str] = frozenset("democrats dems republicans".split())

# Family words: "Tom Vane's mother" is the one person the story calls his mother by name.
KIN_NOUNS: frozenset[str] = frozenset(
    """mother father wife husband son daughter brother sister widow widower grandmother
    grandfather aunt uncle""".split()
)

# Things that carry words ("a placard saying ...", "messages reading ..."): when no person
# is the sentence's subject, the words are the sign's, not the last speaker's.
SIGN_NOUNS: frozenset[str] = frozenset(
    """message messages sign signs banner banners placard placards poster posters slogan
    slogans caption captions headline headlines graffiti t-shirt t-shirts card cards note
    notes letter letters hat hats badge badges sticker stickers billboard billboards cover
    covers""".split()
)

# Kinds of body a news story names and then refers back to ("the magazine said").
BODY_NOUNS: frozenset[str] = frozenset(
    """
    club board company firm group bank party union magazine newspaper paper broadcaster
    corporation channel network department ministry council agency body institute
    association federation league charity organisation organization regulator watchdog
    airline carrier maker retailer chain operator publisher studio label website site
    institution authority commission committee office giant conglomerate manufacturer
    insurer lender supplier
    """.split()
)
# Kinds of business: "the company" or "the firm" is the one business a story introduced,
# whichever of these it called it ("music giant EMI ... the company added")
BUSINESS_NOUNS: frozenset[str] = frozenset(
    """
    company firm giant corporation conglomerate maker manufacturer retailer carrier
    airline chain operator publisher label bank insurer lender supplier
    """.split()
)
# The people who run a body and speak for it as one ("the club's board", "Harbour Bank's
# directors"): what they say is the body's.
BODY_ORGANS: frozenset[str] = frozenset("board directors management trustees governors".split())
# Texts a body speaks through ("the report said"): their owner is the speaker.
MEDIUM_NOUNS: frozenset[str] = frozenset("report survey study statement review audit poll".split())
# Words that join an organisation's name to what follows without being part of it.
ORG_LINKS: frozenset[str] = frozenset("of for and".split())

# Unnamed people a story quotes: "a spokesman", "one broker", "an official". With "the"
# they may still refer back to a named person ("the minister"), except the first group,
# who are unnamed by trade ("the spokesman" is never the minister just named).
UNNAMED_ROLES: frozenset[str] = frozenset(
    "spokesman spokeswoman spokesperson official source aide adviser advisor".split()
)
UNNAMED_PERSON_NOUNS: frozenset[str] = UNNAMED_ROLES | frozenset(
    "insider executive broker analyst lawyer diplomat witness resident worker officer manager"
    " member".split()
)
# Texts a person or body speaks through ("Vale's Facebook post", "the IMF report"): the
# owner is the speaker. MEDIUM_NOUNS are the ones a body is named by ("the report said").
OWNED_TEXTS: tuple[str, ...] = tuple(
    w.strip() for w in """
    press release|blog post|web site|report|statement|study|post|tweet|tweets|letter|memo|
    website|editorial|release|survey|blog|filing|lawsuit|suit|complaint|email|e-mail|op-ed|column|
    account|message|note|book|speech|remarks|transcript|ruling|order|document|documents|apology|
    minutes
    """.split("|")
)

# Subject pronouns: a cue whose subject is one of these is resolved to a person earlier.
PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "it", "we", "i", "you"})

# Courtesy titles: they carry gender and stand only before a surname ("Mr Vane").
COURTESY: frozenset[str] = frozenset({"mr", "mrs", "ms", "miss", "dr", "mx"})
FEMALE_COURTESY: frozenset[str] = frozenset({"mrs", "ms", "miss"})
MALE_COURTESY: frozenset[str] = frozenset({"mr"})  # "Dr" says nothing of gender

# Verbs that tie a quote to its speaker.
SPEECH_VERBS: list[str] = (
    "said says say saying told tells tell telling added adds adding wrote writes write writing "
    "asked asks asking stated states declared declares explained explains noted notes noting "
    "argued argues arguing insisted insists insisting continued continues recalled recalls "
    "replied replies responded responds answered answers warned warns warning claimed claims "
    "remarked remarks announced announces acknowledged acknowledges admitted admits conceded "
    "concedes countered counters suggested suggests tweeted tweets tweeting posted demanded "
    "demands urged urges joked jokes quipped quips predicted predicts cautioned cautions "
    "emphasized emphasised emphasizes emphasises stressed stresses observed observes "
    "complained complains charged charges contended contends maintained maintains concluded "
    "concludes reported reports reporting described describes yelled shouted shouts "
    "screamed cried whispered pleaded mused boasted boasts bragged lamented laments agreed agrees "
    "vowed vows promised promises offered offers echoed echoes pointed testified testifies "
    "recounted recounts confirmed confirms denied denies called calls calling dubbed "
    "labeled labelled branded added explaining arguing chanted chant chanting sang sings "
    "texted emailed messaged retorted snapped interjected scoffed barked gushed exclaimed "
    "fumed thundered griped mocked written reacted retaliated beamed questioned exhorted "
    "chimed marveled marvelled sighed opined opines remembered remembers proclaimed proclaims "
    "cracked pressed assured assures reiterated reiterates conceded yelling shouting screaming "
    "declaring asserted asserts asserting referred refers "
    "thinks believes accused accuses attacked rejected rejects dismissed dismisses "
    "criticised criticized criticises criticizes condemned condemns hailed hails praised praises "
    "deemed termed slammed denounced recommends implored implores begged begs pleads "
    "roared bellowed hollered confided confides confessed confesses "
    "according"
).split()

PARTICIPLES: frozenset[str] = frozenset({"saying", "adding", "telling", "writing", "asking",
                                         "noting", "insisting", "arguing", "warning",
                                         "explaining", "calling", "tweeting", "reporting",
                                         "chanting", "yelling", "shouting", "screaming",
                                         "declaring", "asserting"})
CONTINUATION_VERBS: frozenset[str] = frozenset({"added", "adds", "adding", "continued", "continues",
                                                "went"})

# Offices one person holds at a time (the country's president, the chancellor, the judge
# of a trial, a state's governor): "the president" is the holder, who need not be the
# person the story is about. A minister is one of these only as "prime"/"first" minister,
# a secretary only with a department ("the home secretary").
OFFICES_OF_ONE: frozenset[str] = frozenset(
    """president chancellor premier judge commissioner mayor pope governor senator
    congressman congresswoman ambassador prosecutor taoiseach""".split()
)
SOLE_MINISTERS: frozenset[str] = frozenset({"prime", "first"})

# Kinds of role one person does not hold together: who plays and who runs the team, who
# pleads and who testifies. A person the article gave a role of one kind ("striker Tom
# Vane") is not "the boss" or "the manager" of the next sentence.
ROLE_KINDS: tuple[frozenset[str], ...] = (
    frozenset("""striker midfielder defender winger goalkeeper keeper forward full-back
        fly-half scrum-half flanker hooker prop batsman bowler pitcher quarterback""".split()),
    frozenset("manager boss coach chairman chairwoman owner".split()),
    frozenset("lawyer solicitor barrister attorney prosecutor judge".split()),
    frozenset("witness defendant juror".split()),
)

# Titles a look-up drops before comparing names (Mr Vane, President Roux).
LOOKUP_TITLES: frozenset[str] = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady president vice prime minister
    secretary chancellor senator sen rep representative gov governor mayor gen general
    judge justice chief chairman chairwoman ceo director leader ambassador envoy king queen
    prince princess pope sheikh deputy spokesman spokeswoman former
    """.split()
)

# Sentence splitting: abbreviations around a full stop.
# Titles and abbreviations always followed by more of the same sentence.
NEVER_FINAL: frozenset[str] = frozenset(
    """
    mr mrs ms messrs mme mlle dr prof gen lt col maj capt cpt sgt cpl cmdr adm brig
    gov sen rep rev hon pres supt insp det fr sr jr st mt ft vs v cf viz approx
    e.g i.e eg ie sec atty cllr msgr sens reps del
    """.split()
)
# These precede a number ("No. 10", "Jan. 5", "Art. 5"); before anything else they may end
# ("the stage hit Art. The ...").
BEFORE_NUMBER: frozenset[str] = frozenset(
    "no nos jan feb mar apr jun jul aug sep sept oct nov dec op tel art fig figs vol vols pp"
    " ch".split()
)
# Abbreviations that often end a sentence too: decided by the next word.
MAYBE_FINAL: frozenset[str] = frozenset(
    """
    inc ltd corp co plc llc bros jr sr st etc al esq dept univ assn ave blvd rd
    jan feb mar apr jun jul aug sep sept oct nov dec no
    """.split()
)

# Next words that show a new sentence has begun after an ambiguous abbreviation ("U.S.
# The"), beside the stop words of index.text.
SENTENCE_OPENERS: frozenset[str] = frozenset(
    """
    however meanwhile but and yet still then now so thus instead since although though
    officials police analysts critics experts earlier later last next many some several
    shares sales its their his her our
    """.split()
)

# Words that open a sentence and lean on what follows ("But," he added, "…"): a quote of
# nothing but these is a fragment broken off by its cue, not a quote on its own.
DISCOURSE_OPENERS: frozenset[str] = frozenset(
    """
    but and or so also however yet still then now thus instead meanwhile well besides
    moreover furthermore indeed anyway though although nevertheless nonetheless first
    second third finally plus
    """.split()
)

# Bylines.
# Particles inside bylines' names (wider than in quotes, where do would be a verb).
BYLINE_PARTICLES: frozenset[str] = frozenset(
    "de da das do dos du del della di der den van von ter ten la le al el bin ibn y zu".split()
)
# Words that make the part after a comma a role or an outlet, not another name.
BYLINE_ROLE_WORDS: frozenset[str] = frozenset(
    """
    reporter reporters correspondent correspondents editor editors writer writers journalist
    journalists columnist columnists contributor contributors staff producer producers analyst
    analysts chief senior deputy political politics economics economic business health science
    technology tech diplomatic foreign home affairs security defence defense legal sports sport
    culture arts news newsroom team desk bureau agency agencies press wire reuters afp ap bbc
    cnn online digital associated special investigations investigative data global world
    international national local community media photographer photographers video
    """.split()
)
