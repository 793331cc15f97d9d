"""Casualty statements as `Claim`s: who says what happened to how many of whom.

Rules over the spaCy parse, with the words in `data/claims_<language>.yaml`:

* a casualty word is a verb ("killed", "died", "neutralized", "wounded"), an
  adjective ("14 dead", "left 5 injured") or a noun ("3 fatalities", "the deaths of");
* its victims are the passive subject ("were killed"), the object ("killing five"),
  the subject of intransitives ("died"), the noun it modifies ("soldiers killed in"),
  each conjunct counted apart ("five militants and one soldier were killed");
* the number is read from the victim's phrase with `numbers.parse_quantity`;
  "a soldier" / "the driver" count as 1, a bare plural ("soldiers were killed") is unknown;
* the claimant is the subject of a reporting verb ("the army said") or the object of
  "according to"; it carries over to later sentences of the span through pronouns;
  a claimant that is a party to the fight makes the claim partisan;
* the channel is every agency or medium named in the sentence ("press release, SITE, AFP"),
  or in an earlier sentence of the same claimant ("In a statement relayed by SITE ... It said");
  a claimant named without one takes the channel the article gave the same actor earlier
  ("GSIM claimed ... in a press release relayed by SITE" ... "according to JNIM");
* a casualty statement inside quotation marks with no claimant of its own is the words of
  the claimant the sentences just before it introduced ("X claimed the ambush in a
  statement. ... "five soldiers were killed"");
* telegraphic reports the parser gets wrong ("3 guards killed and 5 others wounded") are read
  from the counts written right before the casualty word;
* "they", "those arrested", "the victims" take the count of the people counted just before;
  "he was killed" after "a man was shot dead" is the same person, not another death;
* past deaths in the background ("protest over the death of", "in retaliation for the killing
  of"), attempts ("tried to kill"), things ("an IED was neutralized") and "killed or injured"
  (no separate death count) give no death claim;
* two conventions of ACLED-style notes are kept as claims for the fatality coder: "fatalities
  coded as N" (number_text "coded as N") and "split across N events" (number_text "split
  across N", what "casualties", no number).

Own losses ("five martyrs", "three dead in its ranks") get whom "<claimant> (own losses)".
Sentences are also cut at line breaks and every 150 tokens so run-on or adversarial text
stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cache

from spacy.tokens import Doc, Span, Token

from strife.extract.actors import ActorRegistry, family, find_mentions
from strife.extract.lexicons import load_lexicon
from strife.extract.numbers import find_quantities, parse_quantity
from strife.nlp import dateline_spans, doc_language
from strife.schema import Claim, Event, Evidence

# number_text prefixes of two coder conventions found in ACLED-style notes: an explicit
# decision ("fatalities coded as 10") and a toll split over several events ("spread across
# 3 locations"); strife.extract.fatalities honours both.
CODED = "coded as"
SPLIT = "split across"
# Words of a toll of everyone ("3 dead", "12 fatalities", "the death toll"); a count without a
# side whose words hold none of these is a count of unnamed people ("killing six").
TOTAL_WORDS = frozenset({"dead", "fatality", "fatalities", "death", "deaths", "toll"})
_NON_VICTIM_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"}
_TIME_WORDS = re.compile(
    # months by their names only: "mar\w*" had made "marketgoers" and "marchers" a date
    r"\b(?:\d{4}|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"\w+day|days?|weeks?|months?|years?|hours?|minutes?|morning|night|evening|ago|[ap]\.?m\.?|h|hrs?|"
    r"\d+h\d*|\d+:\d+|%|percent|dollars?|\$)\b",
    re.I,
)


def _non_victim_ent(tok: Token) -> bool:
    """A token inside a date, time, amount or percentage ("4 May 2020", "3 hours"), not a count of people."""
    if tok.ent_type_ not in _NON_VICTIM_ENTS:
        return False
    if tok.ent_type_ in {"MONEY", "PERCENT", "ORDINAL"}:
        return True
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent is None or bool(_TIME_WORDS.search(ent.text))

# Dependency labels of the victim of a casualty verb, by voice.
_PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
_SUBJ = {"nsubj", "nsubjpass"}
_OBJ = {"dobj", "obj", "attr", "oprd"}
_PRONOUN_ONE = {"he", "she", "him", "her"}


@dataclass(frozen=True)
class _Lexicon:
    verbs: dict[str, str]
    intransitive: frozenset[str]
    death_complements: frozenset[str]
    adjectives: dict[str, str]
    nouns: dict[str, str]
    generic: frozenset[str]
    own_losses: tuple[str, ...]
    reporting: frozenset[str]
    claimants: dict[str, str]
    claimant_re: re.Pattern[str]
    partisan_kinds: frozenset[str]
    channels: tuple[tuple[re.Pattern[str], str], ...]
    toll_patterns: tuple[re.Pattern[str], ...]
    toll_updates: frozenset[str]
    members: dict[str, tuple[str, ...]]
    background_preps: frozenset[str]
    uncertain_injury: frozenset[str]
    attempts: frozenset[str]
    non_victims: frozenset[str]
    background_nouns: frozenset[str]
    background_verbs: frozenset[str]
    documents: frozenset[str]
    body_verbs: frozenset[str]
    own_loss_context: tuple[str, ...]
    lost_people: frozenset[str]
    coded: re.Pattern[str] | None
    split: re.Pattern[str] | None
    superseded: re.Pattern[str] | None
    companions: frozenset[str]
    outcome_verbs: frozenset[str]
    possessives: frozenset[str]
    one_more: frozenset[str]
    count_fillers: frozenset[str]
    ranks: re.Pattern[str] | None


@cache
def lexicon(language: str = "en") -> _Lexicon:
    raw = load_lexicon("claims", language)
    claimants = {str(k).lower(): str(v) for k, v in raw.get("claimants", {}).items()}
    words = sorted(claimants, key=len, reverse=True)
    return _Lexicon(
        verbs={str(k): str(v) for k, v in raw.get("verbs", {}).items()},
        intransitive=frozenset(raw.get("intransitive", [])),
        death_complements=frozenset(raw.get("death_complements", [])),
        adjectives={str(k): str(v) for k, v in raw.get("adjectives", {}).items()},
        nouns={str(k): str(v) for k, v in raw.get("nouns", {}).items()},
        generic=frozenset(str(w) for w in raw.get("generic_victims", [])),
        own_losses=tuple(str(w).lower() for w in raw.get("own_losses", [])),
        reporting=frozenset(raw.get("reporting_verbs", [])),
        claimants=claimants,
        claimant_re=re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I),
        partisan_kinds=frozenset(raw.get("partisan_kinds", [])),
        channels=tuple((re.compile(p), str(v)) for p, v in (raw.get("channels") or {}).items()),
        toll_patterns=tuple(re.compile(p) for p in raw.get("toll_patterns", [])),
        toll_updates=frozenset(str(w) for w in raw.get("toll_update_words", [])),
        members={str(k): tuple(str(w) for w in v) for k, v in (raw.get("members") or {}).items()},
        background_preps=frozenset(raw.get("background_preps", [])),
        uncertain_injury=frozenset(raw.get("uncertain_injury_verbs", [])),
        attempts=frozenset(raw.get("attempt_verbs", [])),
        non_victims=frozenset(str(w).lower() for w in raw.get("non_victims", [])),
        background_nouns=frozenset(raw.get("background_preps", []) + raw.get("background_preps_nouns", [])),
        background_verbs=frozenset(raw.get("background_verbs", [])),
        documents=frozenset(raw.get("document_nouns", [])),
        body_verbs=frozenset(raw.get("body_verbs", [])),
        own_loss_context=tuple(str(w).lower() for w in raw.get("own_loss_context", [])),
        lost_people=frozenset(str(w).lower() for w in raw.get("lost_people", [])),
        coded=re.compile(raw["coded_pattern"]) if raw.get("coded_pattern") else None,
        split=re.compile(raw["split_pattern"], re.I) if raw.get("split_pattern") else None,
        superseded=re.compile(raw["superseded_pattern"], re.I) if raw.get("superseded_pattern") else None,
        companions=frozenset(str(w).lower() for w in raw.get("companions", [])),
        outcome_verbs=frozenset(str(w).lower() for w in raw.get("outcome_verbs", [])),
        possessives=frozenset(str(w).lower() for w in raw.get("possessives", [])),
        one_more=frozenset(str(w).lower() for w in raw.get("one_more", [])),
        count_fillers=frozenset(str(w).lower() for w in raw.get("count_fillers", [])),
        ranks=re.compile(raw["ranks_pattern"]) if raw.get("ranks_pattern") else None,
    )


@dataclass
class _Found:
    what: str
    low: int | None
    high: int | None
    number_text: str | None
    whom: str | None
    start: int
    end: int
    anaphor: bool = False


# Bounds that keep run-on or adversarial text (no sentence breaks, numbers everywhere) linear.
_MAX_SENTENCE = 150
_MAX_PHRASE = 40


def _text(doc: Doc) -> str:
    """doc.text, computed once per Doc (spaCy joins every token on each access)."""
    cached = doc.user_data.get("strife_text")
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data["strife_text"] = cached
    return cached


def _sentences(doc: Doc, start: int, end: int) -> list[Span]:
    """Sentences overlapping the span, also cut at line breaks (titles and paragraphs)."""
    if doc.has_annotation("SENT_START"):
        sents = [s for s in doc.sents if s.end_char > start and s.start_char < end]
    else:
        sents = [doc.char_span(start, end, alignment_mode="expand") or doc[:]]
    out: list[Span] = []
    for sent in sents:
        first = sent.start
        for tok in sent:
            if ("\n" in tok.text and tok.i > first) or tok.i - first >= _MAX_SENTENCE:
                out.append(doc[first : tok.i])
                first = tok.i + 1 if "\n" in tok.text else tok.i
        if first < sent.end:
            out.append(doc[first : sent.end])
    inside: list[Span] = []
    for sent in out:
        if not len(sent) or sent.end_char <= start or sent.start_char >= end:
            continue
        if sent.start_char < start or sent.end_char > end:
            # a sentence that reports two incidents (segmentation's clauses): only this one's part
            part = doc.char_span(max(start, sent.start_char), min(end, sent.end_char), alignment_mode="contract")
            if part is None or not len(part):
                continue
            sent = part
        inside.append(sent)
    return inside


def find_claims(doc: Doc, start: int, end: int, article_id: str | None) -> list[Claim]:
    """Every casualty statement in doc.text[start:end], as Claims with evidence."""
    lex = lexicon(doc_language(doc))
    claims: list[Claim] = []
    superseded: list[Claim] = []
    claimant: tuple[str, str] | None = None  # carried to later sentences ("It said ...")
    carried_channel: str | None = None
    frames = _frames(doc, lex)
    # "YAOUNDE, June 3 (Reuters) - Five soldiers were killed": the dateline's place is no victim
    datelines = dateline_spans(doc)
    for sent in _sentences(doc, max(0, start), min(len(_text(doc)), end)):
        found = [f for f in _casualties(sent, lex) if not any(a <= f.start < b for a, b in datelines)]
        if not found:
            who = _claimant(sent, lex, None)
            if who is not None and who != claimant:
                carried_channel = None
            claimant = who or claimant
            carried_channel = _channel(sent, lex) or carried_channel
            continue
        before = claimant
        claimant = _claimant(sent, lex, claimant)
        sentence_claimant = claimant
        channel = _channel(sent, lex)
        if channel is None and claimant == before:
            channel = carried_channel  # "In a statement relayed by SITE ... The group said ..."
        # "An earlier toll had put the number of dead at 20": the counts after those words are the old toll
        # (not "Fifty-four soldiers were killed ..., revising an earlier toll of eight")
        old_toll = lex.superseded.search(sent.text) if lex.superseded is not None else None
        for f in found:
            claimant = _governing_claimant(sent, f.start, lex, sentence_claimant, before)
            claim_channel = channel
            if claimant is None and _quoted(sent, f.start):
                claimant, claim_channel = _speaker(frames, _sentence_number(doc, sent.start_char))
            elif claimant is not None and claim_channel is None:
                claim_channel = _channel_of(frames, claimant, sent.start_char)
            whom = f.whom
            low, high, number_text = f.low, f.high, f.number_text
            if f.anaphor and low == 1 and high == 1 and (
                any(c.what == f.what for c in claims)
                or any(g is not f and g.start < f.start and g.low and g.what == f.what for g in found)
            ):
                continue  # a pronoun for someone already counted
            told = [c.number_low for c in claims if c.what == f.what and c.number_low] + \
                [g.low for g in found if g is not f and g.start < f.start and g.low and g.what == f.what]
            if f.anaphor and low and told and low <= max(told):
                continue  # "Two were shot and one was hacked to death": parts of the count already told
            if f.anaphor and low is None and high is None:
                # "those arrested were executed": the people of the last count in the span.
                earlier = [c for c in claims if c.number_low is not None] + [
                    _as_claim(g) for g in found if g is not f and g.start <= f.start and g.low is not None
                ]
                if earlier:
                    low, high = earlier[-1].number_low, earlier[-1].number_high
                    number_text = earlier[-1].number_text
                    whom = earlier[-1].whom or whom
            partisan = bool(claimant and claimant[1] in lex.partisan_kinds)
            own = (whom and any(w in whom.lower() for w in lex.own_losses)) or (
                not whom and any(w in sent.text.lower() for w in lex.own_loss_context)
            )
            if own:
                whom = f"{claimant[0]} (own losses)" if claimant else "own losses"
            s, e = _clip_to_sentence(sent, f.start, f.end)
            claims.append(
                Claim(
                    what=f.what,  # type: ignore[arg-type]
                    number_low=low,
                    number_high=high,
                    number_text=number_text,
                    whom=whom,
                    claimant=claimant[0] if claimant else None,
                    channel=claim_channel,
                    partisan=partisan,
                    evidence=Evidence.from_text(_text(doc), s, e, article_id),
                    article_id=article_id,
                )
            )
            if old_toll is not None and f.start >= sent.start_char + old_toll.start():
                superseded.append(claims[-1])
    # "An earlier toll had put the number of dead at 20": the later toll told beside it stands
    if superseded and any(c.what == "killed" and c not in superseded for c in claims):
        claims = [c for c in claims if c not in superseded]
    return claims


def _as_claim(f: _Found) -> Claim:
    return Claim(what=f.what, number_low=f.low, number_high=f.high, number_text=f.number_text,  # type: ignore[arg-type]
                 whom=f.whom)


def _clip_to_sentence(sent: Span, start: int, end: int) -> tuple[int, int]:
    # Evidence is the whole sentence: coders read casualty counts in context.
    return min(start, sent.start_char), max(end, sent.end_char)


# --- casualty words -------------------------------------------------------------------------


def _casualties(sent: Span, lex: _Lexicon) -> list[_Found]:
    found: list[_Found] = []
    used_victims: set[tuple[int, str]] = set()
    for tok in sent:
        if _breakdown(tok):
            continue
        for what, victims in _victims_of(tok, lex):
            negated = any(c.dep_ == "neg" for c in tok.children)
            if victims and _telegraphic(tok):
                # "3 guards killed and 5 others wounded": the parse of such notes is unreliable,
                # the counts written right before the casualty word are not.
                counts = _preceding_counts(tok, what, sent, lex)
                if counts:
                    found.extend(counts)
                    continue
            for v in victims[:12]:
                if not sent.start <= v.i < sent.end:
                    continue  # the parse reaches outside this sentence
                key = (v.i, what)
                if key in used_victims:
                    continue
                used_victims.add(key)
                f = _count(v, what, lex, sent)
                if f is None or (what == "neutralized" and f.low is None and f.high is None):
                    continue  # "eliminate traffic": "neutralized" counts only numbered people
                if negated:
                    f.low, f.high, f.number_text = 0, 0, f"no {f.number_text or ''}".strip()
                if f.whom is None and tok.lower_ in TOTAL_WORDS and tok.lower_ not in (f.number_text or "").lower():
                    # "3 dead", "2 fatalities": a toll of everyone, marked so in the words kept.
                    f.number_text = f"{f.number_text or ''} {tok.text}".strip()
                found.append(f)
            if not victims:
                found.extend(_preceding_counts(tok, what, sent, lex) or _following_count(tok, what, lex, sent))
    _tolls(sent, lex, found)
    for f in found:
        if f.whom is None:
            # "3 dead reported in the ranks of MSA-GATIA, 2 dead in the ranks of the Arabs": the side named after
            ranks = lex.ranks.match(_text(sent.doc)[f.end : min(sent.end_char, f.end + 80)]) if lex.ranks else None
            f.whom = ranks.group(1) if ranks else None
    return _dedupe(found)


def _breakdown(tok: Token) -> bool:
    """ "Seven of the dead were fighters", "two of those killed": a part of a toll told before, not
    another count of the incident."""
    head = tok.head if tok.dep_ == "acl" and tok.head.lower_ in ("those", "people") else tok
    told = head.lower_ == "those" or any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    return told and head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NUM"


def _victims_of(tok: Token, lex: _Lexicon) -> list[tuple[str, list[Token]]]:
    """(what, victim heads) for a casualty word, else []."""
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    out: list[tuple[str, list[Token]]] = []
    if tok.pos_ in {"VERB", "AUX"} or (tok.tag_ in {"VBN", "VBD", "VBG"} and lemma in lex.verbs):
        what = lex.verbs.get(lemma)
        if lemma == "lose" and any(c.dep_ in {"dobj", "obj"} and c.lemma_.lower() in {"life", "lives"} for c in tok.children):
            # "five soldiers lost their lives": the subject died
            return [("killed", _with_conjuncts([c for c in tok.children if c.dep_ == "nsubj"]))]
        if lemma == "lose":
            # "we lost seven soldiers": the people lost died (lost vehicles or ground are no deaths)
            lost = [c for c in tok.children if c.dep_ in {"dobj", "obj"} and (
                c.lemma_.lower() in lex.lost_people or _of_own_people(c, lex))]
            return [("killed", _with_conjuncts(lost))] if lost else []
        if what is None and _death_complement(tok, lex):
            what = "killed"  # "shot dead", "beaten to death"
        if what == "killed" and _or_injured(tok, lex):
            what = "casualties"  # "killed or injured 4": the dead are not counted apart
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex.attempts:
            return []  # "tried to kill": an attempt
        if _in_background(tok, lex):
            return []
        if what is None:
            return []
        victims = _verb_victims(tok, lemma, lex)
        out.append((what, victims))
        return out
    if tok.pos_ == "ADJ" or (lower in lex.adjectives and tok.pos_ not in {"NOUN", "PROPN"}):
        what = lex.adjectives.get(lower)
        if what is None or _earlier_clause(tok, lex.background_preps):
            return []
        return [(what, _adjective_victims(tok))]
    if tok.pos_ in {"NOUN", "PROPN", "NUM"} and lower in lex.nouns:
        what = lex.nouns[lower]
        if lower in {"martyr", "martyrs"} and not any(c.dep_ == "nummod" for c in tok.children):
            return []
        if _in_background(tok, lex, lex.background_nouns):
            return []
        if tok.dep_ in {"dobj", "obj"} and tok.head.lemma_.lower() in lex.background_verbs:
            return []  # "marched to protest the killing of a student": the cause, not this event's dead
        if lower in {"body", "bodies", "corpse", "corpses"} and not _found_body(tok, lex):
            return []
        return [(what, _noun_victims(tok, lex))]
    return []


def _of_own_people(tok: Token, lex: _Lexicon) -> bool:
    """ "lost eight of its own men", "lost two of their own": a number of the side's own people."""
    if not tok.like_num:
        return False
    of = [p for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"]
    return any(o.lemma_.lower() in lex.lost_people or o.lower_ == "own" for p in of for o in p.children
               if o.dep_ == "pobj")


def _death_complement(tok: Token, lex: _Lexicon) -> bool:
    for c in tok.children:
        if c.lower_ in lex.death_complements:
            return True
        if c.dep_ in {"prep", "dative"} and c.lower_ == "to":
            if any(g.lower_ in lex.death_complements for g in c.children):
                return True
    return False


def _or_injured(tok: Token, lex: _Lexicon) -> bool:
    """ "killed or injured", "killed, wounded or captured": one count for all of them."""
    doc = tok.doc
    for other in tok.conjuncts:
        if other.lemma_.lower() not in lex.uncertain_injury or other.i <= tok.i:
            continue
        if any(c.dep_ in _SUBJ or c.dep_ == "nummod" for c in other.children):
            continue  # "five were killed and three abducted or missing": its own count
        between = doc[tok.i + 1 : other.i]
        if 0 < len(between) <= 6 and between[-1].lower_ == "or" and all(
            t.is_punct or t.pos_ in {"VERB", "CCONJ", "ADV"} for t in between
        ):
            return True
    return False


def _found_body(tok: Token, lex: _Lexicon) -> bool:
    """ "bodies were found", "the corpses of 9 men were discovered": a body counts when found."""
    t = tok
    for _ in range(3):
        if t.head is t:
            return False
        t = t.head
        if t.pos_ == "VERB":
            return t.lemma_.lower() in lex.body_verbs
    return False


def _in_background(tok: Token, lex: _Lexicon, preps: frozenset[str] | None = None) -> bool:
    """A casualty word inside "after/over/for ...": a past death, not this event's count."""
    preps = preps or lex.background_preps
    t = tok
    for _ in range(6):
        if t.i != tok.i and t.dep_ in ("acl", "relcl") and t.lemma_.lower() in lex.outcome_verbs:
            return False  # "following a clash ... resulting in 25 fatalities": the clash's own outcome
        if t.dep_ == "pobj" and t.head.lower_ in preps:
            return True
        if _earlier_clause(t, preps):
            return True
        if t.head is t:
            return False
        t = t.head
    return False


def _earlier_clause(tok: Token, preps: frozenset[str]) -> bool:
    """ "looted shops after a driver was shot dead by the police": a death told as what the event followed,
    in a passive clause of its own (not "after killing three soldiers", the same raid)."""
    clause = tok.head if tok.dep_ in ("oprd", "acomp") else tok
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in preps for c in clause.children) and \
        any(c.dep_ in ("auxpass", "nsubjpass") for c in clause.children)


def _speaks_next(t: Token) -> bool:
    """Whether a conjunct's phrase is followed by a verb of saying ("..., residents and a local
    official said"): the parser may join the speakers to the victims; they are the source."""
    doc = t.doc
    after = t.right_edge.i + 1
    return after < len(doc) and doc[after].pos_ in {"VERB", "AUX"} and \
        doc[after].lemma_.lower() in ActorRegistry.default().roles.report_verbs


def _gapped(verb: Token, objs: list[Token]) -> list[Token]:
    """ "killed 11 villagers in A and six others in B": the parser hangs "six others" on the place
    (a gapped second object); a counted "others"/"more" conjoined to a place after the object is one
    more victim of the verb."""
    last = max(o.i for o in objs)
    return [t for t in verb.subtree if t.i > last and t.dep_ == "conj" and t.lower_ in ("others", "more")
            and t.head.pos_ == "PROPN" and t.head.dep_ == "pobj" and any(c.dep_ == "nummod" for c in t.children)]


def _with_conjuncts(heads: list[Token]) -> list[Token]:
    out: list[Token] = []
    for h in heads:
        conjuncts = list(h.conjuncts[:12])
        # "30 people ..., residents and a local official said": the last conjuncts speak
        while conjuncts and _speaks_next(conjuncts[-1]):
            conjuncts.pop()
            while conjuncts and conjuncts[-1].i > h.i and h.doc[conjuncts[-1].i - 1].lower_ != ",":
                conjuncts.pop()
        for t in (h, *conjuncts):
            if t is not h and (t.tag_ in {"VBG", "VBN"} or t.lemma_.lower() in _CASUALTY_LEMMAS):
                continue  # "the killing of 1 member and the injuring of 3 others"
            if t not in out and t.pos_ not in {"VERB", "AUX"}:
                out.append(t)
    return out


def _verb_victims(tok: Token, lemma: str, lex: _Lexicon) -> list[Token]:
    children = list(tok.children)
    passive = [c for c in children if c.dep_ in _PASSIVE_SUBJ]
    if (
        not passive
        and tok.dep_ == "conj"
        and tok.tag_ == "VBN"
        and not any(c.dep_ in _OBJ or c.dep_ in _SUBJ for c in children)
    ):
        # "was shot and killed": the second participle shares the passive subject.
        passive = [c for c in tok.head.children if c.dep_ in _PASSIVE_SUBJ]
    if not passive and tok.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in children):
        # "21 militants were estimated to have been killed", "believed to have been killed": the subject of
        # the verb of estimating
        passive = [c for c in tok.head.children if c.dep_ in _PASSIVE_SUBJ or c.dep_ == "nsubj"]
    if passive:
        return _with_conjuncts(passive)
    if lemma in lex.intransitive:
        subj = [c for c in children if c.dep_ == "nsubj"]
        if not subj and tok.dep_ in {"relcl", "acl"} and tok.head.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}:
            subj = [tok.head]
        if not subj and tok.dep_ == "conj":
            subj = [c for c in tok.head.children if c.dep_ in _SUBJ]
        return _with_conjuncts(subj)
    objs = [c for c in children if c.dep_ in {"dobj", "obj"}]
    if objs:
        found = _with_conjuncts(objs)
        return found + [t for t in _gapped(tok, objs) if t not in found]
    # "killing of 1 militant" parsed as a verb with a prepositional object.
    for c in children:
        if c.dep_ == "prep" and c.lower_ == "of":
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj:
                return _with_conjuncts(pobj)
    # "soldiers killed in the attack": a reduced relative clause on its victim.
    if tok.dep_ in {"acl", "amod"} and tok.head.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}:
        return _with_conjuncts([tok.head])
    # "killing and injuring unknown number of ...": share the object of the conjoined verb.
    for c in children:
        if c.dep_ == "conj" and c.pos_ == "VERB":
            objs = [g for g in c.children if g.dep_ in {"dobj", "obj"}]
            if objs:
                return _with_conjuncts(objs)
    # "one soldier killed and three wounded": a participle whose subject is the victim.
    if tok.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in children):
        subj = [c for c in children if c.dep_ == "nsubj"]
        if subj and any(_has_number(s) for s in subj):
            return _with_conjuncts(subj)
    if tok.dep_ == "conj" and tok.tag_ == "VBN":
        # "... killed and three wounded": the victim is a number hanging on this verb.
        nums = [c for c in children if c.dep_ in {"nsubj", "npadvmod", "nummod"} and _has_number(c)]
        if nums:
            return nums
    # "three killed" as a fragment: number hanging on the participle.
    nums = [c for c in children if c.dep_ in {"nummod", "npadvmod", "nsubj"} and c.pos_ == "NUM"]
    if nums and tok.tag_ == "VBN":
        return nums
    return []


def _adjective_victims(tok: Token) -> list[Token]:
    children = list(tok.children)
    nums = [c for c in children if c.dep_ in {"nummod", "npadvmod", "nsubj"} and c.pos_ in {"NUM", "NOUN", "PRON"}]
    if nums:
        return _with_conjuncts(nums)
    objects = [c for c in children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"}]
    if tok.dep_ == "acomp" and objects:
        return _with_conjuncts(objects)  # "shot dead the deputy chief of staff": parsed as the object of "dead"
    if tok.dep_ == "amod" and tok.head.pos_ in {"NOUN", "PROPN", "NUM"}:
        return _with_conjuncts([tok.head])
    head = tok.head
    if tok.dep_ in {"acomp", "oprd", "ccomp", "xcomp", "advcl", "conj"} and head is not tok:
        # "left 14 dead", "shot dead a guard", "was found dead", "they were dead".
        for dep in ("dobj", "nsubjpass", "nsubj"):
            for c in head.children:
                if c.dep_ != dep or c is tok:
                    continue
                if dep == "nsubj" and (tok.dep_ == "conj" or head.lemma_ not in {"be", "lie", "remain", "fall"}):
                    continue
                return _with_conjuncts([c])
    if tok.dep_ in {"ROOT", "conj"} and head.pos_ in {"NUM"}:
        return [head]
    return []


_AMOUNT_HEADS = {"number", "dozens", "hundreds", "scores", "tens", "handful", "couple", "total", "toll"}


def _noun_victims(tok: Token, lex: _Lexicon) -> list[Token]:
    # "an unknown number of fatalities", "dozens of deaths": the amount is the head of "of".
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in _AMOUNT_HEADS:
        return [tok.head.head]
    # "deaths of 5 civilians", "killing of a soldier": the victims follow "of".
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj and not _has_number(tok):
                return _with_conjuncts(pobj)
    if _has_number(tok) or any(c.dep_ in {"det", "amod"} and c.lower_ in {"no", "several", "many"} for c in tok.children):
        # "resulting in 25 ADF fighters and 6 military fatalities": the people counted before the toll
        # noun, coordinated with it, are dead too
        head = tok.head
        if tok.dep_ == "conj" and head.pos_ == "NOUN" and head.lemma_.lower() in lex.lost_people | lex.companions and \
                any(c.dep_ == "nummod" for c in head.children):
            return [head, tok]
        return [tok]
    if tok.lower_ in {"body", "corpse"} and any(c.dep_ in {"det", "poss"} for c in tok.children):
        return [tok]  # "a man's body was found"
    return []


def _has_number(tok: Token) -> bool:
    for t in tok.subtree:
        if t.i > tok.i:
            break
        if t.like_num or t.pos_ == "NUM" or t.lower_ in {"dozens", "hundreds", "tens", "several", "scores"}:
            return True
    return False


def _left_span(tok: Token) -> tuple[int, int]:
    """Character span of a victim's phrase up to its head (no relative clauses, no conjuncts)."""
    left = tok.i
    for t in tok.lefts:
        if t.dep_ in {"cc", "conj", "punct", "appos"}:
            continue
        left = min(left, t.left_edge.i)
    left = max(left, tok.i - _MAX_PHRASE)
    doc = tok.doc
    right = tok.i
    # keep "of"-phrases: "one of the soldiers", "dozens of villagers", "number of"
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            right = max(right, min(c.right_edge.i, tok.i + _MAX_PHRASE))
    return doc[left].idx, doc[right].idx + len(doc[right].text)


_CASUALTY_LEMMAS = {"injure", "wound", "kill", "injuring", "wounding", "killing", "death", "abduction", "arrest"}
_ANAPHORS = {"they", "them", "those", "these", "both", "all", "victims", "occupants", "detainees", "hostages",
             "captives", "prisoners", "men", "bodies", "corpses"}


def _count(v: Token, what: str, lex: _Lexicon, sent: Span) -> _Found | None:
    doc = v.doc
    if v.lemma_.lower() in lex.non_victims or v.lower_ in lex.non_victims:
        # "killing a man and burning tents" parses the man as a modifier of the tents.
        people = [c for c in v.children if c.dep_ == "nmod" and c.pos_ in {"NOUN", "PROPN"}]
        if not people:
            return None
        v = people[0]
    if _non_victim_ent(v) or _TIME_WORDS.fullmatch(v.text):
        return None
    if v.lower_ in {"who", "that", "which"} and v.head.dep_ in {"relcl"}:
        v = v.head.head  # "X, who died": the relative clause's noun
        if v.pos_ not in {"NOUN", "PROPN"} and v.lower_ not in lex.one_more:
            return None
    s, e = _left_span(v)
    text = _text(doc)[s:e]
    quantities = [
        q for q in find_quantities(text)
        if not any(_non_victim_ent(t) for t in doc[max(v.left_edge.i, v.i - _MAX_PHRASE) : v.i + _MAX_PHRASE]
                   if s + q.start <= t.idx < s + q.end)
        and not _counts_things(doc, s + q.start, lex)  # "the occupants of two vehicles numbering twelve"
        # "eight people, both soldiers and militants": "both ... and" tells who they were, not a count of two
        and not (text[q.start : q.end].lower() == "both" and any(c.dep_ == "conj" for c in v.children))
    ]
    number = None
    qspan = (0, 0)
    anaphor = False
    lower = v.lower_
    if any(
        c.dep_ == "det" and c.lower_ in {"no", "none"}
        and not (c.i + 1 < len(doc) and doc[c.i + 1].lower_ in {"fewer", "less", "more", "other"})
        for c in v.children
    ) or lower in {
        "nobody", "none", "noone"
    }:
        number = (0, 0, "no")
    elif quantities:
        q = quantities[0]
        number = (q.low, q.high, q.text)
        qspan = (q.start, q.end)
        # "both", or a bare number standing for people ("One was burnt alive and the other stoned"): of
        # those already counted
        if lower == "both" or (v.like_num and v.dep_ in {"nsubj", "nsubjpass"} and
                               not any(c.dep_ in ("prep", "det", "amod") for c in v.children)):
            anaphor = True
    else:
        whole = parse_quantity(v.text)
        if whole is not None:
            number = whole
            qspan = (v.idx - s, v.idx - s + len(v.text))
    if number is None:
        dets = [c.lower_ for c in v.children if c.dep_ in {"det", "poss", "nummod"}]
        if lower in _PRONOUN_ONE:
            number = (1, 1, v.text)
            anaphor = True  # "he was killed": the person already counted, if any
        elif lower in _ANAPHORS and (v.pos_ == "PRON" or "the" in dets or "those" in dets or "these" in dets):
            # "those arrested were executed", "the occupants were killed": the people counted before.
            number = (None, None, "")
            anaphor = True
        elif lower in lex.one_more:
            number = (1, 1, v.text)  # "wounded another, who succumbed", "a third died later": one more person
        elif v.ent_type_ == "PERSON" or (
            v.pos_ == "PROPN" and v.tag_ == "NNP" and v.ent_type_ not in {"GPE", "LOC", "FAC", "ORG", "NORP"}
        ):
            number = (1, 1, v.text)
        elif any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in v.children):
            number = (1, 1, "a")
        elif v.pos_ == "NOUN" and v.tag_ == "NN" and (
            lower not in lex.generic or lower in {"person", "individual", "victim", "body", "corpse"}
        ):
            if v.dep_ == "conj" and not dets:
                return None  # "an official and activist": one person, two titles
            if not dets and v.ent_type_ in {"GPE", "LOC", "FAC", "ORG", "NORP"}:
                return None  # "Bolivar state": a place in the victim's slot
            number = (1, 1, " ".join(dets) or v.text)
        elif v.tag_ in {"NNS", "NNPS"} or lower in {"they", "them", "people"}:
            number = (None, None, "")
        else:
            return None
    low, high, ntext = number
    if low == high == 1:
        # "a leader of the faction ... and his driver", "a businessman with his driver and bodyguard": the
        # companions the parse hangs deeper in the phrase died with the one counted
        companions = _companions(v, lex)
        low = high = 1 + len(companions) if companions else low
    whom = _whom(text[: qspan[0]] + text[qspan[1] :], lex)
    return _Found(what, low, high, ntext or None, whom, s, e, anaphor=anaphor)


def _counts_things(doc: Doc, at: int, lex: _Lexicon) -> bool:
    """Whether the number at offset `at` counts things ("two vehicles"), by the noun it modifies."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    token = span[0] if span is not None and len(span) else None
    return token is not None and token.dep_ == "nummod" and token.head.lemma_.lower() in lex.non_victims


def _companions(v: Token, lex: _Lexicon) -> list[Token]:
    """People under a possessive ("his son", "his driver and bodyguard") that the parse attaches inside
    the victim's own phrase (to an "of" object, or after "with"), not as the victim's conjuncts; a thing
    ("killed a farmer with his machete") is no companion."""
    out: list[Token] = []
    people = lex.companions
    for t in v.subtree:
        if t.i == v.i or t.pos_ != "NOUN" or t.tag_ != "NN" or t.lemma_.lower() not in people:
            continue
        owned = any(c.dep_ == "poss" and c.lower_ in lex.possessives for c in t.children)
        if owned and (t.dep_ in ("conj", "appos") and t.head.dep_ == "pobj" or
                      t.dep_ == "pobj" and t.head.lower_ == "with" and t.head.head.i == v.i):
            out.append(t)
            out.extend(c for c in t.children if c.dep_ == "conj" and c.lemma_.lower() in people)
    return out


def _whom(phrase: str, lex: _Lexicon) -> str | None:
    whom = re.sub(r"\s+", " ", phrase).strip(" ,")
    whom = re.sub(
        r"^(?:(?:of|the|a|an|other|others|more|additional|another|those|these|total|overall|reported|confirmed)\b\s*)+",
        "", whom, flags=re.I,
    )
    whom = whom.strip(" ,")
    if not whom or whom.lower() in lex.generic or whom.lower() in lex.nouns:
        return None
    return whom


def _telegraphic(tok: Token) -> bool:
    """A bare participle or adjective with no object and no auxiliary: "2 soldiers killed"."""
    if tok.tag_ not in {"VBN", "VBD", "JJ"}:
        return False
    if any(c.dep_ in {"dobj", "obj", "aux", "auxpass"} for c in tok.children):
        return False
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and (prev.like_num or prev.pos_ in {"NOUN", "PROPN"})
_KEEP_WORDS = {"were", "was", "are", "is", "been", "have", "has", "had", "reportedly", "also", "reported",
               "allegedly", "all", "later", "being", "be", "&", "and", "at", "least", "of", "-"}


def _following_count(tok: Token, what: str, lex: _Lexicon, sent: Span) -> list[_Found]:
    """ "arrested and executed at least ten individuals, the victims were later found ...": a transitive
    casualty verb the parser left without its object, followed at once by a counted noun phrase."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() in lex.intransitive:
        return []
    for t in tok.doc[tok.i + 1 : min(sent.end, tok.i + 5)]:
        if t.pos_ == "NUM" and t.dep_ == "nummod" and t.head.pos_ == "NOUN" and t.head.i > tok.i:
            f = _count(t.head, what, lex, sent)
            return [f] if f is not None and f.low is not None else []
        if t.pos_ not in {"ADV", "ADJ"} and t.lower_ not in lex.count_fillers:
            return []
    return []


def _preceding_counts(tok: Token, what: str, sent: Span, lex: _Lexicon) -> list[_Found]:
    """Counts written before a casualty word the parser left without victims.

    Telegraphic reports ("1 soldier killed and 2 wounded", "two soldiers and three
    fighters killed") often defeat the parse; read the counts of the phrase that ends at
    the casualty word, back to the previous clause boundary.
    """
    if tok.tag_ not in {"VBN", "VBD", "JJ"} and tok.pos_ != "ADJ":
        return []
    doc = tok.doc
    i = tok.i - 1
    first = tok.i
    while i >= sent.start and tok.i - i <= 14:
        t = doc[i]
        if t.lower_ in _KEEP_WORDS or t.pos_ in {"NUM", "NOUN", "PROPN", "ADJ", "DET", "ADV", "AUX", "CCONJ"}:
            if t.pos_ == "PUNCT" and t.text not in {"-", "&"}:
                break
            first = i
            i -= 1
            continue
        if t.pos_ == "ADP" and t.lower_ in {"of", "from"}:
            first = i
            i -= 1
            continue
        break
    if first >= tok.i:
        return []
    start, end = doc[first].idx, tok.idx
    text = _text(doc)[start:end]
    out: list[_Found] = []
    qs = [q for q in find_quantities(text) if not any(
        _non_victim_ent(t) for t in doc[first : tok.i] if start + q.start <= t.idx < start + q.end
    )]
    for k, q in enumerate(qs):
        # The side is the words after the count, up to the next count.
        stop = qs[k + 1].start if k + 1 < len(qs) else len(text)
        whom_text = re.sub(r"\b(?:and|were|was|are|is|been|have|has|had|reportedly|also|reported|allegedly|all|being)\b|&", " ", text[q.end : stop])
        whom = _whom(whom_text, lex)
        if whom and whom.split()[-1].lower() in lex.non_victims:
            continue
        out.append(_Found(what, q.low, q.high, q.text, whom, start + q.start, tok.idx + len(tok.text)))
    if not qs:
        a = re.search(r"\b(?:a|an|one)\s+([a-z][\w-]*)\s*$", text, re.I)
        if a and a.group(1).lower() not in lex.non_victims:
            out.append(_Found(what, 1, 1, "a", a.group(1), start + a.start(), tok.idx + len(tok.text)))
        elif tok.i - first == 1 and first == sent.start:
            # "Marabout killed and ...": a lone singular noun opening a telegraphic note.
            noun = doc[first]
            if noun.tag_ in {"NN", "NNP"} and noun.lower_ not in lex.non_victims and noun.lower_ not in lex.generic:
                out.append(_Found(what, 1, 1, noun.text, noun.text, noun.idx, tok.idx + len(tok.text)))
    return out


def _tolls(sent: Span, lex: _Lexicon, found: list[_Found]) -> None:
    text = sent.text
    for pat in lex.toll_patterns:
        for m in pat.finditer(text):
            n = m.group("n")
            q = None
            for cand in find_quantities(n):
                q = cand
                break
            if q is None:
                continue
            at = sent.start_char + m.start("n")
            if any(f.low == q.low and f.start <= at < max(f.end, f.start + 1) for f in found):
                continue  # "put the toll at 17 dead": the parse has read this count already
            s = sent.start_char + m.start()
            found.append(_Found("killed", q.low, q.high, m.group(0), None, s, sent.start_char + m.end()))
    if lex.coded is not None:
        for m in lex.coded.finditer(text):
            q = parse_quantity(m.group("n") or m.group("m") or "")
            if q is not None and q[0] is not None:
                s = sent.start_char + m.start()
                found.append(_Found("killed", q[0], q[1], f"{CODED} {q[2]}", None, s, sent.start_char + m.end()))
    if lex.split is not None:
        for m in lex.split.finditer(text):
            q = parse_quantity(m.group("n") or m.group("m") or "")
            if q is not None and q[0] is not None and q[0] > 1:
                s = sent.start_char + m.start()
                found.append(_Found("casualties", None, None, f"{SPLIT} {q[0]}", None, s, sent.start_char + m.end()))


def _dedupe(found: list[_Found]) -> list[_Found]:
    """One find per statement: the parse and a toll pattern may both read "left five people
    dead" (as "five people" and "five people dead"): finds of one count from the same word are one.
    ("one soldier and one assailant killed" starts twice: two finds.)"""
    out: list[_Found] = []
    seen: set[tuple[str, int | None, int | None, int]] = set()
    for f in found:
        key = (f.what, f.low, f.high, f.start)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


# --- claimant and channel -------------------------------------------------------------------


def _claimant(sent: Span, lex: _Lexicon, previous: tuple[str, str] | None) -> tuple[str, str] | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            to = tok.doc[tok.i + 1]
            pobj = [c for c in to.children if c.dep_ == "pobj"]
            if pobj:
                found = _classify(_phrase(pobj[0]), lex)
                if found:
                    return found
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex.reporting:
            subj = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"} and c.dep_ != "nsubjpass"]
            agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            for s in subj + agent:
                if s.pos_ == "PRON" and s.lower_ in {"it", "they", "he", "she"} and previous:
                    return previous
                found = _classify(_phrase(s), lex)
                if found:
                    return found
        if tok.lower_ in {"by", "from"} and tok.head.lemma_.lower() in {"report", "claim", "announce", "confirm"}:
            pobj = [c for c in tok.children if c.dep_ == "pobj"]
            if pobj:
                found = _classify(_phrase(pobj[0]), lex)
                if found:
                    return found
    return previous


def _governing_claimant(
    sent: Span, at: int, lex: _Lexicon, default: tuple[str, str] | None, previous: tuple[str, str] | None
) -> tuple[str, str] | None:
    """The claimant of the reporting verb whose clause holds the casualty at char `at`
    ("the army said it killed 31, while the rebels claimed they killed 12")."""
    best: tuple[int, tuple[str, str]] | None = None
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex.reporting:
            continue
        lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
        if not lo <= at < hi:
            continue
        for s in tok.children:
            if s.dep_ != "nsubj":
                continue
            if s.pos_ == "PRON" and s.lower_ in {"it", "they", "he", "she"}:
                who = previous
            else:
                # "17 soldiers were killed, the officer told Reuters, while the group said it killed 178":
                # the officer tells the 17, whoever he is - not the group the sentence names first
                who = _classify(_phrase(s), lex) or _unknown_kind(s, lex)
            if who and (best is None or hi - lo < best[0]):
                best = (hi - lo, who)
    return best[1] if best else default


UNKNOWN_KIND = "other"  # a teller the claims lexicon does not know ("the officer", "a community leader")


def _unknown_kind(subject: Token, lex: _Lexicon) -> tuple[str, str] | None:
    """A teller the lexicon cannot class, as (label, "other"); None for what names no one, and for a
    news agency or outlet ("AFP reports 10 dead"), which carries a claim rather than makes one."""
    if subject.pos_ not in {"NOUN", "PROPN"} or subject.lemma_.lower() in lex.documents:
        return None
    phrase = _phrase(subject)
    if any(pattern.search(phrase) for pattern, _ in lex.channels):
        return None
    label = _bare_label(phrase)
    return (label, UNKNOWN_KIND) if label and len(label.split()) <= 5 else None


def _phrase(tok: Token) -> str:
    doc = tok.doc
    left = tok.left_edge.i
    right = tok.i
    for c in tok.rights:
        if c.dep_ in {"compound", "prep"} and c.lower_ in {"of"}:
            right = max(right, c.right_edge.i)
    return doc[left : right + 1].text


def claimant_kind(claimant: str, language: str = "en") -> str | None:
    """The kind of a claimant ("state", "armed_group", ...; claims lexicon), None when unknown."""
    found = _classify(claimant, lexicon(language))
    return found[1] if found else None


def claimant_key(claimant: str, language: str = "en") -> str:
    """Who a claimant is, for telling repeats apart: the lexicon's word it names ("Burkina Faso's
    army", "the Burkina army" and "army" are all "army"), else the phrase itself."""
    m = _claimant_word(claimant, lexicon(language))
    return m.group(0).lower() if m else claimant.strip().lower()


def _claimant_word(phrase: str, lex: _Lexicon) -> re.Match[str] | None:
    """The claims lexicon's word that classes a phrase: an acronym or name ("JNIM") says more than
    a common noun ("jihadists")."""
    matches = list(lex.claimant_re.finditer(phrase))
    if not matches:
        return None
    return next((x for x in matches if x.group(0).isupper() and len(x.group(0)) > 1), matches[0])


def _bare_label(phrase: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.I)


def _classify(phrase: str, lex: _Lexicon) -> tuple[str, str] | None:
    m = _claimant_word(phrase, lex)
    if m is None:
        return None
    kind = lex.claimants[m.group(0).lower()]
    label = _bare_label(phrase)
    words = label.split()
    if len(words) > 1 and words[-1].lower() in lex.documents:
        label = " ".join(words[:-1])  # "a police statement said": the police tell, the statement carries
    if len(label.split()) > 5:
        label = m.group(0)
    return label, kind


def _channel(sent: Span, lex: _Lexicon) -> str | None:
    """Every channel the sentence names, in the order it names them ("press release, SITE, AFP")."""
    found: dict[str, int] = {}
    for pat, label in lex.channels:
        m = pat.search(sent.text)
        if m and m.start() < found.get(label, len(sent.text) + 1):
            found[label] = m.start()
    return ", ".join(sorted(found, key=found.__getitem__)) or None


@dataclass(frozen=True)
class _Frame:
    """A claimant the article introduces (with the channel it spoke through, if named)."""

    at: int  # char offset of the sentence that names the claimant
    sentence: int  # its index among the article's sentences
    claimant: tuple[str, str]
    channel: str | None
    actors: frozenset[str]


# How many sentences back a quotation still belongs to the last claimant introduced.
_QUOTE_REACH = 3


def _frames(doc: Doc, lex: _Lexicon) -> list[_Frame]:
    """Every claimant the article names, in order, each with the channel named in its sentence
    or in the next one when that names a channel and no claimant of its own ("GSIM claimed the
    ambush. In a press release relayed by SITE, ..."). Computed once per Doc."""
    cached = doc.user_data.get("strife_claim_frames")
    if isinstance(cached, list):
        return cached
    frames: list[_Frame] = []
    for i, sent in enumerate(_article_sentences(doc)):
        who = _claimant(sent, lex, None)
        channel = _channel(sent, lex)
        if who is not None:
            frames.append(_Frame(sent.start_char, i, who, channel, _actors_of(who[0])))
        elif channel and frames and frames[-1].sentence == i - 1 and frames[-1].channel is None:
            last = frames[-1]
            frames[-1] = _Frame(last.at, i, last.claimant, channel, last.actors)
    doc.user_data["strife_claim_frames"] = frames
    return frames


def _actors_of(label: str) -> frozenset[str]:
    """The named actors a claimant label refers to ("GSIM", "the JNIM organization" -> JNIM)."""
    registry = ActorRegistry.default()
    names = set()
    for mention in registry.scan(label):
        actor = registry.resolve(mention.text)
        if actor is not None:
            names.add(actor.name)
    return frozenset(names)


def _channel_of(frames: list[_Frame], claimant: tuple[str, str], before: int) -> str | None:
    """The channel the article gave this claimant earlier: the same named actor, or for an
    actor the registry does not know, the same words."""
    actors = _actors_of(claimant[0])
    for frame in reversed(frames):
        if frame.at >= before or frame.channel is None:
            continue
        same = bool(actors & frame.actors) if actors else frame.claimant[0].lower() == claimant[0].lower()
        if same:
            return frame.channel
    return None


def _speaker(frames: list[_Frame], sentence: int) -> tuple[tuple[str, str] | None, str | None]:
    """The claimant introduced within the few sentences before sentence number `sentence` of
    the article, whose words a quotation there is taken to be."""
    earlier = [f for f in frames if f.sentence < sentence]
    if not earlier or sentence - earlier[-1].sentence > _QUOTE_REACH:
        return None, None
    return earlier[-1].claimant, earlier[-1].channel


def _article_sentences(doc: Doc) -> list[Span]:
    """Every sentence of the article as `_sentences` cuts them, computed once per Doc: `_frames`
    numbers them and `_sentence_number` finds a sentence's number among them."""
    cached = doc.user_data.get("strife_claim_sentences")
    if not isinstance(cached, list):
        cached = _sentences(doc, 0, len(_text(doc)))
        doc.user_data["strife_claim_sentences"] = cached
    return cached


def _sentence_number(doc: Doc, at: int) -> int:
    """The number of the article sentence (as `_frames` counts them) that starts at or before char `at`."""
    return max(0, bisect_right(_article_sentences(doc), at, key=lambda s: s.start_char) - 1)


_OPENING = "“«"
_CLOSING = "”»"


def _quoted(sent: Span, at: int) -> bool:
    """Whether char `at` lies inside quotation marks within its sentence."""
    before = _text(sent.doc)[sent.start_char : at]
    curly_open = max(before.rfind(c) for c in _OPENING)
    curly_close = max(before.rfind(c) for c in _CLOSING)
    if curly_open > curly_close:
        return True
    return before.count('"') % 2 == 1


def mark_partisan(event: Event, *, country: str | None, when: date | None) -> None:
    """A claim of a state or an armed group (`find_claims`) stays partisan only when its claimant is a
    party to the event (actor1, actor2 or an associated actor, or their parent or units): the army
    counting the militants it fought, not the police telling of bandits who killed villagers. A
    claimant the registry cannot place ("a local official", "a military officer") is a party
    when the event has one of its kind: a state force for an official, an armed group for a group."""
    registry = ActorRegistry.default()
    country = registry.canonical_country(country) or event.country
    parties: set[str] = set()
    for name in (event.actor1, event.actor2, *(event.assoc_actor_1 or "").split("; "),
                 *(event.assoc_actor_2 or "").split("; ")):
        parties |= family(registry, name.strip()) if name and name.strip() else set()
    inters = {registry.inter_of(p, country) for p in parties}
    for claim in event.claims:
        if not claim.claimant or not claim.partisan:
            continue
        named = [m.actor for m in find_mentions(registry, claim.claimant, country=country, when=when) if m.actor]
        if named:
            claim.partisan = bool(family(registry, named[0].name) & parties)
            continue
        kind = claimant_kind(claim.claimant, event.language or "en")
        claim.partisan = bool(inters & ({1} if kind == "state" else {2, 3, 4} if kind == "armed_group" else set()))
