"""The numbers that tune extraction and merging, named in one place.

Each was chosen on the development gold (never the blind test); changing one changes Rasd's output, so
it is a setting, not a literal in the middle of a rule. Limits of what the system accepts (sizes, batch
lengths) stay with the modules that enforce them.
"""

from __future__ import annotations

from datetime import timedelta

# --- places ---------------------------------------------------------------------------------------------
#: A place within this distance of another place the article names unambiguously is corroborated by it.
ANCHOR_KM = 60.0
#: A one-word village smaller than this needs a word announcing a place (مدينة, قرب, في) or an anchor.
SMALL_PLACE_POPULATION = 1_000
#: The ACLED regions the news Rasd reads covers: a one-word town elsewhere needs a cue (في, مدينة) to be a place ...
NEWS_REGIONS = frozenset({"Middle East", "Northern Africa"})
#: ... unless it is at least this large (Paris, London, Moscow: named bare as often as not).
GREAT_CITY_POPULATION = 500_000
#: How far back in its clause a number of people looks for what it counts when no cue stands next to it.
COUNT_CUE_CHARS = 90
#: A gazetteer hit this big stands even inside a name the tagger calls a person or an organisation.
NAME_PROOF_POPULATION = 100_000
#: A place this big (a capital, a large city) is itself, not a homonym of a village the gazetteer lacks.
WELL_KNOWN_POPULATION = 100_000
#: The countryside of a town (ريف X) reaches this far; "north of X" is this far from X.
RIF_KM = 25.0
TOWN_SIDE_KM = 10.0
#: The headline and dateline: where the article says what it is about.
HEADLINE_CHARS = 300

# --- events ---------------------------------------------------------------------------------------------
#: Actors of an event are looked for this many characters either side of its trigger (inside its clause).
ACTOR_WINDOW = 100
#: Two mentions whose towns lie this close are one occurrence (one town under two gazetteer entries); two
#: towns further apart are two events however near (the gold's one place per event: نبل and عندان).
SAME_PLACE_KM = 1.0
#: How far from the centre of a country's quarter named by its direction (جنوب لبنان, شرقي سوريا) a place may lie and
#: be in it (one event, when a lead sums up the towns its body names).
REGION_KM = 60.0
#: Mentions repeat the actors with other words; the first ones named are the event's.
MAX_ACTORS_PER_ROLE = 2
#: A list of towns after a trigger, within this many characters of it (and in its sentence), is one event per
#: town.
PLACE_LIST_CHARS = 200
#: No report counts more people than this for one event (it also keeps counts in 32-bit columns).
MAX_COUNT = 10_000_000
#: An event its own sentence dates this long before publication is background, not news.
BACKGROUND_AFTER = timedelta(days=31)
#: A mention its own clause dates this long before publication (``سيطر في العام 2014`` in a 2017 article) is
#: history, left out whatever a model says: an archive piece is not news of that day.
HISTORY_AFTER = timedelta(days=365)
#: ... when its date stands within this many characters of the trigger (further off, it may date something else).
HISTORY_NEAR = 40
#: Why the rules set a candidate aside (``EventMention.dropped``) that no learned decision overrules: the
#: trigger is governed by a plan, a fear, a means or a reason, or the ones who flee are not fighters.
NEVER_RESCUED = frozenset({"irrealis", "flight_not_fighters"})

# --- where the named-entity tagger reads ------------------------------------------------------------------
#: Around a trigger whose place the gazetteer does not know: characters before and after it.
TAG_BEFORE_TRIGGER = 60
TAG_AFTER_TRIGGER = 100
#: Around a reporting verb (its speaker).
TAG_AROUND_VERB = 80
#: Sentences before and after an event's sentence whose speakers may be its sources; the lead's speakers
#: may be the source of every event.
SOURCE_REACH = 2
LEAD_SENTENCES = 3

# --- claims ---------------------------------------------------------------------------------------------
#: A role in apposition is a few words (الناطق الرسمي باسم قوات مجلس دير الزور العسكري), not a clause.
ROLE_WORDS = 9
#: How many following sentences of its paragraph a statement may run on into.
RUN_ON_SENTENCES = 2

# --- memory ----------------------------------------------------------------------------------------------
#: A server, and the extraction of a book-length text between its windows, empty the per-word caches
#: (``rasd.caches``) once they hold this many entries together: what about a hundred articles fill, so
#: memory stops growing (a batch run over a corpus keeps them whole: the same words recur).
CACHE_TRIM_ENTRIES = 60_000

# --- merging across articles ----------------------------------------------------------------------------
#: Reports of one event lie within this distance of each other.
MERGE_KM = 25.0
#: A report with no event date: the week before publication.
NO_DATE_DAYS = 7
#: Windows longer than this are checked against every cluster of their block.
WIDE_MONTHS = 13
