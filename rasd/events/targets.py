"""What a strike hits, or an interception downs, when its clause names no group on the receiving end.

Communiqués of the Red Sea and of the Lebanese and Iraqi fronts name what they struck, not whom: a ship
(``استهدفت السفينة البريطانية آيلاندر``), a base or a post (``قاعدة حقل كونيكو الأميركية``, ``الموقع العسكري
الإسرائيلي``), a tank (``دبابة ميركافا إسرائيلية``). ACLED's actor 2 is then the forces of the country the
object belongs to, or the ship and its crew. The nouns are data (``struck_*`` in the events lexicon), the
adjectives the actor knowledge base's ``nationality_adjectives``.
"""

from __future__ import annotations

from rasd.actors.kb import allies, fold_key, load_kb
from rasd.events.mentions import EventMention
from rasd.lexicon import rules
from rasd.model import KINDS, ActorRef

#: The kinds whose actor 2 can be what was struck: battles and remote violence.
STRIKES = frozenset(k for k, (event_type, _) in KINDS.items() if event_type in ("Battles", "Explosions/Remote violence"))
#: The kinds whose actor 2 is the side whose weapon was downed (an interception: ``اعتراض مسيرة إسرائيلية``).
INTERCEPTIONS = frozenset({"weapons_seizure"})
#: How many words after the object's noun can name it (``قاعدة حقل كونيكو الأميركية``).
NAME_WORDS = 4
_RULES = rules("events")
#: What an interception downs (``مسيرة``, ``صاروخ``): the side whose weapon it names is acted on.
INTERCEPTED = _RULES.intercepted
_PUNCT = " .،,:؛\"'«»()"


def struck_target(m: EventMention) -> ActorRef | None:
    """Actor 2 of ``m`` read from what its clause says was struck, or None (``m`` has an actor 2 already, or is
    no strike): the forces of the country whose base, post, warship or vehicle it names, else the ship it
    names, each as written. The whole clause is read: the object often comes before the trigger that gives the
    means (``استهداف السفينة ... بصواريخ``)."""
    if m.kind not in STRIKES | INTERCEPTIONS or any(a.role == "actor2" for a in m.actors):
        return None
    kb, folded = load_kb(), m.clause.folded
    military = (INTERCEPTED if m.kind in INTERCEPTIONS else _RULES.struck_military).search(folded)
    if military is not None:
        words = _name_words(folded, military.end())
        country = next((i for i, (w, _) in enumerate(words) if _adjective(w) in kb.forces_by_adjective), None)
        if country is not None:
            actor = kb.actors[kb.forces_by_adjective[_adjective(words[country][0])]]
            if any(a.id and (a.id == actor.id or allies(a.id, actor.id)) for a in m.actors):
                return None  # the attacker's own base is no target of its strike
            return actor.to_ref("actor2", _as_written(m, military.start("noun"), words[country][1]))
    ship = _RULES.struck_ship.search(folded) if m.kind in STRIKES else None
    if ship is None:
        return None
    words = _name_words(folded, ship.end())
    return kb.actors["vessels"].to_ref("actor2", _as_written(m, ship.start("noun"), words[-1][1] if words else ship.end()))


def _name_words(folded: str, end: int) -> list[tuple[str, int]]:
    """The words after ``end`` that can still name the object (each with where it ends), up to a stop word,
    a word with و, or a comma or full stop."""
    out: list[tuple[str, int]] = []
    for _ in range(NAME_WORDS):
        if end >= len(folded) or folded[end] != " ":
            break
        nxt = folded.find(" ", end + 1)
        word = folded[end + 1:nxt if nxt != -1 else len(folded)]
        core, kept = word.strip(_PUNCT), word.rstrip(_PUNCT)
        if not core.isalpha() or core in _RULES.struck_name_stop or core.startswith("و"):
            break
        end += 1 + len(kept)
        out.append((core, end))
        if kept != word:
            break
    return out


def _adjective(word: str) -> str:
    return fold_key(word[2:] if word.startswith("ال") else word)


def _as_written(m: EventMention, fstart: int, fend: int) -> str:
    start, end = m.clause.original(fstart, fend)
    base = m.clause.span.start
    return m.clause.span.text[start - base:end - base].strip(_PUNCT)
