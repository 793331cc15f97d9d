"""Segmentation: event mentions in a document, grouped into incidents.

A mention is a sentence with a strong trigger, or a weak trigger plus a
conflict-context word (lexicons in data/triggers.yaml). Background sentences
(history, the general situation, reports) are dropped unless anchored to a
day. A short dispatch with no such sentence is read as one weak incident when
it names a trigger (a weak one only together with an actor word), and
`whole_text_incident` offers one with no trigger at all for a model to accept. Mentions are grouped into incidents following ACLED's rule: one incident
per place/date/actor/type; a sentence that announces another incident ("a
second assault", "in a separate attack", "elsewhere") or names another day
starts a new one. Work is bounded: sentences, characters and mentions per
article are capped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from strife.extract.dates import dates_a_report, find_dates
from strife.extract.dates import lexicon as date_lexicon
from strife.extract.taxonomy import Taxonomy
from strife.ingest.language import stopwords
from strife.nlp import DATELINE, article_of, doc_language

TRIGGERS_FILE = Path(__file__).parent / "data" / "triggers.yaml"

MAX_SENTENCES = 400  # sentences scanned per article
MAX_SENTENCE_CHARS = 1500  # longer "sentences" (lists, junk) are scanned on their first part only
MAX_MENTIONS = 40
MAX_INCIDENTS = 12
MAX_DIGIT_SHARE = 0.3  # a sentence that is mostly numbers is not prose
MIN_DISTINCT_WORDS = 0.3  # share of distinct words below which a long sentence is repetition
MIN_FUNCTION_WORDS = 0.08  # prose is ~40% function words; a long run with almost none is a word list


@dataclass
class Lexicon:
    unambiguous: re.Pattern[str]
    violent: re.Pattern[str]
    strong: re.Pattern[str]
    weak: re.Pattern[str]
    context: re.Pattern[str]
    people_context: re.Pattern[str]
    not_conflict: re.Pattern[str]
    not_real: re.Pattern[str]
    background: re.Pattern[str]
    past_year: re.Pattern[str]
    recent: re.Pattern[str]
    new_incident: re.Pattern[str]
    anchor: re.Pattern[str]
    significant: re.Pattern[str]
    restatement: re.Pattern[str]
    back_reference: re.Pattern[str]
    period_summary: re.Pattern[str]
    earlier_period: re.Pattern[str]
    earlier_told: re.Pattern[str]
    earlier_back: re.Pattern[str]
    other_stories: re.Pattern[str]
    definite_agents: re.Pattern[str]

    @classmethod
    def load(cls, path: Path = TRIGGERS_FILE) -> Lexicon:
        data = _trigger_data(path)

        def compile_(key: str) -> re.Pattern[str]:
            words = data.get(key) or []
            if not words:
                return re.compile(r"(?!x)x")
            return re.compile(r"\b(?:" + "|".join(f"(?:{w})" for w in words) + ")", re.IGNORECASE)

        return cls(**{name: compile_(name) for name in cls.__dataclass_fields__})


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.load()


@lru_cache(maxsize=1)
def _trigger_data(path: Path = TRIGGERS_FILE) -> dict[str, Any]:
    """triggers.yaml as read, once per process, for the helpers that build their own patterns."""
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


@dataclass
class Mention:
    start: int  # character offsets into doc.text
    end: int
    text: str
    strength: float  # 1.0 strong trigger, 0.6 weak trigger with context
    triggers: list[tuple[int, int]]  # trigger spans (doc offsets)
    anchor: str | None  # the day/date words, lower-cased, when the sentence names one
    new_incident: bool
    in_title: bool = False
    restates: bool = False  # speaks of the incident already told ("JNIM claimed the attack")
    place: str | None = None  # a place the sentence opens on ("In Mombasa, ...")
    day: date | None = None  # the day the anchor names, resolved against the publication date
    refers_back: bool = False  # opens on the attackers already told ("The attackers stormed ...")
    summary: bool = False  # a tally over a period ("killed 100 jihadists over the past week")
    earlier: bool = False  # opens on an earlier month or year ("Last month, jihadists killed 30")
    told_earlier: bool = False  # tells an earlier month within it ("JNIM announced in early September ...")
    aftermath: bool = False  # tells only what the perpetrators already told did next ("the kidnappers called")


@dataclass
class Incident:
    mentions: list[Mention] = field(default_factory=list)
    context: str = ""  # mentions plus the sentences that follow them (what the classifier reads)
    context_end: int = 0  # end offset of the last sentence in `context` (0: not computed)
    context_spans: list[tuple[int, int]] = field(default_factory=list)  # where `context` is in the doc

    @property
    def start(self) -> int:
        return min(m.start for m in self.mentions)

    @property
    def end(self) -> int:
        return max(m.end for m in self.mentions)

    @property
    def text(self) -> str:
        return " ".join(m.text for m in self.mentions)

    @property
    def strength(self) -> float:
        return max(m.strength for m in self.mentions)

    @property
    def anchor(self) -> str | None:
        return next((m.anchor for m in self.mentions if m.anchor), None)

    @property
    def day(self) -> date | None:
        return next((m.day for m in self.mentions if m.anchor), None)


_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=[A-Z\"“'])")


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence offsets: spaCy's sentences, also cut at line breaks, trimmed (capped)."""
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        spans = [(s.start_char, s.end_char) for s in islice(doc.sents, MAX_SENTENCES)]
    else:
        spans = [(0, len(doc.text))]
    text = doc.text
    out: list[tuple[int, int]] = []
    for start, end in spans:
        cut = start
        for match in _PARAGRAPH.finditer(text, start, end):
            out.append((cut, match.start()))
            cut = match.end()
        out.append((cut, end))
    trimmed: list[tuple[int, int]] = []
    for start, end in out:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return trimmed[:MAX_SENTENCES]


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Sentence offsets of a document as segmentation sees them (capped)."""
    return _sentences(doc)


def _function_word_share(words: list[str]) -> float:
    function_words = _function_words()
    return sum(w in function_words for w in words) / max(1, len(words))


def is_prose(text: str, sample: int = 2000) -> bool:
    """False for long texts that are word lists (names, keywords) rather than sentences."""
    words = [w.strip(".,;:!?\"'()").lower() for w in text.split()[:sample]]
    words = [w for w in words if w and any(ch.isalpha() for ch in w)]
    return len(words) < 50 or _function_word_share(words) >= MIN_FUNCTION_WORDS


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """Function words of every language the ingest stage knows (its language-guess lists)."""
    return frozenset().union(*stopwords().values())


def classify_sentence(text: str, lexicon: Lexicon | None = None) -> tuple[float, list[tuple[int, int]]]:
    """Strength of a sentence as an event mention (0 = none) and its trigger spans (sentence offsets)."""
    lexicon = lexicon or default_lexicon()
    overlong = len(text) > MAX_SENTENCE_CHARS
    text = text[:MAX_SENTENCE_CHARS]
    if not text.strip():
        return 0.0, []
    digits = sum(ch.isdigit() for ch in text)
    if digits / max(1, len(text)) > MAX_DIGIT_SHARE:
        return 0.0, []
    words = [w for w in text.lower().split() if any(ch.isalpha() for ch in w)]
    if len(words) >= 40 and len(set(words)) / len(words) < MIN_DISTINCT_WORDS:
        return 0.0, []  # the same few words over and over: not a report
    if len(words) >= 20 and _function_word_share(words) < MIN_FUNCTION_WORDS:
        return 0.0, []  # keywords or names strung together, not sentences
    strength, spans = _strength(text, lexicon)
    return (strength * 0.5 if overlong else strength), spans


def _strength(text: str, lexicon: Lexicon) -> tuple[float, list[tuple[int, int]]]:
    if lexicon.not_real.search(text) is not None:
        return 0.0, []  # a game's or a story's gunfights, whatever the words
    unambiguous = [m.span() for m in lexicon.unambiguous.finditer(text)]
    violent = [m.span() for m in lexicon.violent.finditer(text)]
    strong = [m.span() for m in lexicon.strong.finditer(text)]
    weak = [m.span() for m in lexicon.weak.finditer(text)]
    armed = lexicon.context.search(text) is not None
    people = armed or lexicon.people_context.search(text) is not None
    if unambiguous:
        return 1.0, unambiguous + violent + strong + weak
    if lexicon.not_conflict.search(text) is not None:
        return 0.0, []  # accidents, disasters, sport, markets, fiction
    if violent and armed:
        return 1.0, violent + strong + weak
    if strong and people:
        return (1.0 if armed else 0.8), strong + violent + weak
    if weak and armed:
        return 0.6, weak + violent
    return 0.0, []


def _names_actor(text: str, lexicon: Lexicon) -> bool:
    """Whether a text names armed men or people (soldiers, residents, a group...): an actor word."""
    return lexicon.context.search(text) is not None or lexicon.people_context.search(text) is not None


HISTORY_YEARS = 2  # a sentence dated only to a year this many years or more before publication is history
_YEAR = re.compile(r"(?:19|20)\d\d")


def is_history(text: str, published: date | None, lexicon: Lexicon | None = None) -> bool:
    """A sentence dated only to years long before the publication ("arrested and beheaded in
    1943", "mass protests in 2003"): history told in an article, not its news. False when the
    publication date is unknown or the sentence has a word of recency ("last week")."""
    if published is None:
        return False
    lexicon = lexicon or default_lexicon()
    text = text[:MAX_SENTENCE_CHARS]
    years = [int(y) for m in lexicon.past_year.finditer(text) for y in _YEAR.findall(m.group(0))]
    if not years or max(years) > published.year - HISTORY_YEARS:
        return False
    return lexicon.recent.search(text) is None


def published_date(doc: Doc) -> date | None:
    """The publication date of the article a Doc carries (None: unknown or no article)."""
    return getattr(article_of(doc), "published", None)


def is_background(text: str, lexicon: Lexicon | None = None, published: date | None = None) -> bool:
    """History, general situation or a report: context, not an incident. With the publication
    date, also a sentence dated only to years long before it (`is_history`)."""
    lexicon = lexicon or default_lexicon()
    return lexicon.background.search(text[:MAX_SENTENCE_CHARS]) is not None or is_history(text, published, lexicon)


MIN_CLAUSE_CHARS = 20  # a part shorter than this is not a report of its own


@lru_cache(maxsize=1)
def _clause_patterns(path: Path = TRIGGERS_FILE) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(where a clause turns, an incident noun), from the trigger lexicon. A turn is a clause
    boundary (a comma, a semicolon, a dash, or "while" alone) at the end of the text before a
    new-incident cue ("..., while a separate attack ...", "...; elsewhere, ...")."""
    data = _trigger_data(path)
    joiners = "|".join(data.get("clause_joiners") or []) or "(?!x)x"
    alone = "|".join(data.get("clause_joiners_alone") or []) or "(?!x)x"
    nouns = "|".join(data.get("incident_nouns") or []) or "(?!x)x"
    turn = re.compile(rf"(?:[,;:]|\s[-–—])\s*(?:(?:{joiners})\s+)?$|\s(?:{alone})\s+$", re.IGNORECASE)
    return turn, re.compile(rf"\b(?:{nouns})\b", re.IGNORECASE)


def clauses(text: str, lexicon: Lexicon | None = None) -> list[tuple[int, int]]:
    """A sentence's parts, one per incident it reports: cut where a clause turns to another
    incident ("Gunmen killed ten people on Sunday, while a separate attack on Monday left five
    dead"). Cut only where every part names a trigger of its own; else the whole sentence."""
    lexicon = lexicon or default_lexicon()
    scanned = text[:MAX_SENTENCE_CHARS]
    cuts: list[int] = []
    for match in lexicon.new_incident.finditer(scanned):
        head = scanned[: match.start()]
        turn = _clause_patterns()[0].search(head)
        if turn is None or turn.start() < (cuts[-1] if cuts else 0) + MIN_CLAUSE_CHARS:
            continue
        cuts.append(turn.start() + 1 if scanned[turn.start()] in ",;:" else turn.start())
    if not cuts:
        return [(0, len(text))]
    bounds = [0, *cuts, len(text)]
    parts = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False)]
    parts = [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in parts]
    if any(b - a < MIN_CLAUSE_CHARS or part_strength(text[a:b], i > 0, 1.0, lexicon)[0] <= 0
           for i, (a, b) in enumerate(parts)):
        return [(0, len(text))]
    return parts


def part_strength(
    text: str, later: bool, sentence_strength: float, lexicon: Lexicon | None = None
) -> tuple[float, list[tuple[int, int]]]:
    """`classify_sentence` for one part of a sentence. A later part that opens on its own incident
    ("while a separate attack ... left five dead") is one even without an armed-context word:
    the sentence around it has them."""
    lexicon = lexicon or default_lexicon()
    strength, spans = classify_sentence(text, lexicon)
    if strength > 0 or not later:
        return strength, spans
    cue = lexicon.new_incident.search(text[:MAX_SENTENCE_CHARS])
    noun = _clause_patterns()[1].search(cue.group(0)) if cue is not None else None
    if cue is None or noun is None:
        return 0.0, []
    return sentence_strength, [(cue.start() + noun.start(), cue.start() + noun.end())]


@lru_cache(maxsize=1)
def _fronted_place_pattern(path: Path = TRIGGERS_FILE) -> re.Pattern[str]:
    data = _trigger_data(path)
    leads = "|".join(data.get("fronted_place_leads") or []) or "(?!x)x"
    name = r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}"
    # "In Kano,", "In the town of Kano,", "In the northern city of Kano,", "In the capital Abuja,",
    # "In neighbouring Katsina state,"
    kind = r"(?:town|city|village|region|province|state|district|capital|port)"
    unit = r"(?: (?:state|region|province|district|county|department|governorate))?"
    return re.compile(rf"^\s*(?i:{leads})\s+(?:the (?:[a-z-]+ ){{0,2}}{kind}(?: of)? |(?:neighbouring|neighboring|nearby) )?"
                      rf"(?P<place>{name}){unit},")


def fronted_place(text: str, language: str = "en") -> str | None:
    """The place a sentence opens on ("In Mombasa, hundreds marched"), or None. A month or a
    weekday ("In March, ...") is a time, not a place."""
    match = _fronted_place_pattern().match(text)
    if match is None:
        return None
    place = match.group("place")
    lex = date_lexicon(language)
    if place.split()[0].lower() in {*lex.months, *lex.weekdays}:
        return None
    return place


@lru_cache(maxsize=1)
def _court_words(path: Path = TRIGGERS_FILE) -> tuple[frozenset[str], frozenset[str]]:
    data = _trigger_data(path)
    return frozenset(data.get("court_ruling_verbs") or []), frozenset(data.get("court_nouns") or [])


def _parsed_span(doc: Doc, start: int, end: int) -> Span | None:
    """The tokens of doc.text[start:end], or None when the doc has no dependency parse."""
    if not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


AFTER_CLAUSE_STRENGTH = 0.6  # an "after" clause must tell violence in words this strong to be read alone


@lru_cache(maxsize=1)
def _consequence_verbs(path: Path = TRIGGERS_FILE) -> frozenset[str]:
    return frozenset(_trigger_data(path).get("consequence_verbs") or [])


def after_clause(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The span of an "after" clause in doc.text[start:end] that tells violence of its own, hung on a
    consequence of it ("Hundreds fled the town after jihadists attacked nearby villages, killing 17";
    `consequence_verbs`), or None (no parse, none). "The EU imposed its ban after troops opened fire"
    is no consequence of that kind: history told for a reason."""
    span = _parsed_span(doc, start, end)
    if span is None:
        return None
    consequences = _consequence_verbs()
    for tok in span:
        if tok.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "after" for c in tok.children):
            continue
        if tok.head.lemma_.lower() not in consequences:
            continue
        a, b = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
        if classify_sentence(doc.text[a:b])[0] >= AFTER_CLAUSE_STRENGTH:
            return a, b
    return None


def _main_verb(span: Span) -> Token:
    """The head of a sentence: a verb whose head lies outside it (the parser may join a sentence to
    the one before and hang the rest on a full stop), else the span's root."""
    tops = [t for t in span if t.head.i == t.i or not (span.start <= t.head.i < span.end)]
    return next((t for t in tops if t.pos_ in ("VERB", "AUX")), span.root)


@lru_cache(maxsize=1)
def _reaction_words(path: Path = TRIGGERS_FILE) -> tuple[frozenset[str], frozenset[str]]:
    data = _trigger_data(path)
    return frozenset(data.get("reaction_verbs") or []), frozenset(data.get("saying_verbs") or [])


def is_reaction(doc: Doc, start: int, end: int) -> bool:
    """Whether the sentence at doc.text[start:end] reports a reaction to the violence, not violence:
    its main verb, or what a source says was done, is condemning, vowing, ordering ("The president
    condemned the killings and ordered ..."), and it has no violent verb nor any word that is an event
    on its own ("gunmen", "protesters"). False without a parse."""
    span = _parsed_span(doc, start, end)
    if span is None:
        return False
    root = _main_verb(span)
    if root.pos_ not in ("VERB", "AUX"):
        return False
    reactions, saying = _reaction_words()
    if root.lemma_.lower() in saying:
        said = [c for c in root.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
        if not said:
            return False
        root = said[0]
    verbs = [root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
    if not all(v.lemma_.lower() in reactions for v in verbs):
        return False
    # "condemned the attack, which killed 12 people", "troops deployed there clashed with ...": a
    # violent verb anywhere in the sentence tells the violence itself
    lexicon = default_lexicon()
    if lexicon.unambiguous.search(doc.text[start:end][:MAX_SENTENCE_CHARS]):
        return False  # "the protesters denounced ...", "condemned the attack by gunmen": an event's words
    return not any(
        t.pos_ == "VERB" and t.lemma_.lower() not in reactions
        and any(p.match(t.text) for p in (lexicon.unambiguous, lexicon.violent, lexicon.strong))
        for t in span
    )


def is_court_ruling(doc: Doc, start: int, end: int) -> bool:
    """Whether the sentence at doc.text[start:end] reports a court's ruling ("A court sentenced three
    men ...", "Two men were convicted of ...", "were found guilty of"): its main verb is a ruling, said by a court or of the
    accused, with no other verb joined to it ("sentenced to death and executed" is an execution).
    False without a dependency parse."""
    span = _parsed_span(doc, start, end)
    if span is None:
        return False
    root = _main_verb(span)
    if root.lemma_.lower() in _reaction_words()[1]:  # "a court sentenced three men ..., their lawyer said"
        root = next((c for c in root.children if c.dep_ == "ccomp"), root)
    verbs, courts = _court_words()
    guilty = root.lemma_.lower() == "find" and any(c.lower_ == "guilty" for c in root.children)
    if root.pos_ not in ("VERB", "AUX") or (root.lemma_.lower() not in verbs and not guilty):
        return False
    if any(c.dep_ == "conj" and c.pos_ == "VERB" for c in root.children):
        return False
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(c.dep_ == "nsubjpass" or c.lemma_.lower() in courts or c.lower_ in courts for c in subjects)


@lru_cache(maxsize=1)
def _unreal_words(path: Path = TRIGGERS_FILE) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = _trigger_data(path)
    return tuple(frozenset(data.get(key) or []) for key in ("unreal_modals", "unreal_governors", "perceived_verbs"))


# How a verb hangs on the verb that decides whether it happens ("plans |to protest|", "called for them
# |to be killed|", "could face |attack|"). An infinitive clause (advcl with "to" or "for") hangs on a verb
# whose modal is its own, so past it only a governor counts; any other adverbial clause ("after gunmen
# killed", "..., killing five") tells a happening of its own and ends the chain.
_GOVERNED = ("xcomp", "pcomp", "pobj", "prep", "dobj", "conj")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")


def _is_unreal(token: Token, modals: frozenset[str], governors: frozenset[str], perceived: frozenset[str]) -> bool:
    """Whether a trigger word tells something that did not (or not yet) happen: its verb, or a verb
    that verb hangs on, is under a modal that is not perfect ("could be", not "could have been"),
    is wanted, feared or planned ("plans a protest", not "protesters demanded"), or the trigger is
    itself a negated verb."""
    verb, subject = token, False
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        subject = subject or verb.dep_ in _SUBJECTS
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.i == token.i and any(c.dep_ == "neg" for c in verb.children):
        return True  # "would not protest", "did not kill"
    link, modal_counts, came_by = verb, True, ""
    for depth in range(5):
        auxes = [c for c in link.children if c.dep_ in ("aux", "auxpass")]
        if any(c.lemma_.lower() == "have" for c in auxes):
            return False  # "may have killed", "feared to have killed": a past happening, told unsure
        if modal_counts and any(c.lower_ in modals for c in auxes) and link.lemma_.lower() not in perceived:
            return True
        lemma = link.lemma_.lower()
        # "are set to protest": a governor written "X to" governs only its to-infinitive
        if (depth or (link.i != token.i and not subject)) and link.pos_ in ("VERB", "AUX") and \
                (lemma in governors or (came_by == "xcomp" and f"{lemma} to" in governors)):
            return True
        if link.head.i == link.i or link.dep_ not in (*_GOVERNED, "advcl"):
            break
        if link.dep_ == "advcl" and not any(
            c.lower_ in ("for", "to") and c.dep_ in ("mark", "aux") for c in link.children
        ):
            break  # "urged calm after gunmen killed", "..., killing five": a happening of its own
        modal_counts = modal_counts and link.dep_ != "advcl"
        came_by, link = link.dep_, link.head
    return False


def is_unreal(doc: Doc, start: int, end: int, triggers: list[tuple[int, int]]) -> bool:
    """Whether every trigger of the sentence at doc.text[start:end] (`triggers`: offsets in the
    sentence) tells what did not happen: "the criminally insane should be killed", "they would not
    protest", "farmers are planning a protest". False without a parse or without triggers."""
    span = _parsed_span(doc, start, end)
    if span is None or not triggers:
        return False
    words = _unreal_words()
    for a, b in triggers:
        inside = [t for t in span if start + a <= t.idx < start + b]
        # the trigger's own head word ("to |demand|", "|opened| fire"): a governor inside it is the trigger
        token = next((t for t in inside if not start + a <= t.head.idx < start + b or t.head.i == t.i), None)
        if token is None or not _is_unreal(token, *words):
            return False
    return True


@lru_cache(maxsize=1)
def _period_start() -> re.Pattern[str] | None:
    words = _trigger_data().get("period_start_before")
    return re.compile(words, re.IGNORECASE) if words else None


def incident_anchor(text: str, lexicon: Lexicon | None = None, language: str = "en") -> re.Match[str] | None:
    """The first day or date words of a text that date a happening: "said on Thursday" dates the
    report (a source speaking), not an incident."""
    lexicon = lexicon or default_lexicon()
    dates = date_lexicon(language)
    period = _period_start()
    for match in lexicon.anchor.finditer(text):
        if period is not None and period.search(text[: match.start()]):
            continue  # "since the protests began on October 21": when a period began
        # judged at the day itself ("... said on |Thursday"), as the date resolver judges it
        day = match.end() - len(match.group(0).split()[-1])
        if not dates_a_report(text, day, dates, match.end()):
            return match
    return None


def find_mentions(doc: Doc, title_end: int = 0) -> list[Mention]:
    """Event mentions of a document, in text order (capped): a sentence, or each part of one
    that reports more than one incident (`clauses`)."""
    lexicon = default_lexicon()
    published = published_date(doc)
    language = doc_language(doc)
    mentions: list[Mention] = []
    previous = ""
    for sent_start, sent_end in _sentences(doc):
        sentence = doc.text[sent_start:sent_end]
        # "... seized the town in October 2023. Dozens were killed at the time.": back to the earlier time
        # the sentence before told (read only where a sentence has the words that go back)
        told_then = lexicon.earlier_back.search(sentence) is not None and incident_anchor(
            previous, lexicon, language) is None and (
            _told_earlier(previous, published, lexicon.earlier_period, language)
            or _told_earlier(previous, published, lexicon.earlier_told, language))
        previous = sentence
        whole, whole_spans = classify_sentence(sentence, lexicon)
        if whole <= 0 or is_court_ruling(doc, sent_start, sent_end) or is_reaction(doc, sent_start, sent_end) or \
                is_unreal(doc, sent_start, sent_end, whole_spans):
            continue
        parts = clauses(sentence, lexicon)
        for index, (a, b) in enumerate(parts):
            text = sentence[a:b]
            strength, spans = part_strength(text, index > 0, whole, lexicon) if len(parts) > 1 else (whole, whole_spans)
            scanned = text[:MAX_SENTENCE_CHARS]
            anchor_match = incident_anchor(scanned, lexicon, language)
            if anchor_match is None and is_background(scanned, lexicon, published):
                continue  # history or a report; a sentence tied to a day is an incident
            offset = sent_start + a
            mentions.append(
                Mention(
                    start=offset,
                    end=sent_start + b,
                    text=text,
                    strength=strength,
                    triggers=[(offset + x, offset + y) for x, y in spans],
                    anchor=anchor_match.group(0).lower() if anchor_match else None,
                    new_incident=index > 0 or lexicon.new_incident.search(scanned) is not None,
                    in_title=sent_start < title_end,
                    restates=lexicon.restatement.search(scanned) is not None,
                    place=fronted_place(scanned) if index == 0 else None,
                    day=_anchor_day(anchor_match.group(0), published, language) if anchor_match else None,
                    refers_back=lexicon.back_reference.search(scanned) is not None,
                    aftermath=_aftermath(scanned, spans, lexicon),
                    summary=anchor_match is None and lexicon.period_summary.search(scanned) is not None,
                    earlier=index == 0 and _told_earlier(scanned, published, lexicon.earlier_period, language),
                    told_earlier=index == 0 and anchor_match is None and (
                        told_then or _told_earlier(scanned, published, lexicon.earlier_told, language)),
                )
            )
        if len(mentions) >= MAX_MENTIONS:
            break
    # an earlier time told within a sentence recalls it only beside an incident the report dates itself
    # ("Jihadists attacked a convoy on Monday ... JNIM announced in early September a blockade"); a report
    # with no such day ("A priest kidnapped more than a year ago has been freed ... abducted in September
    # 2022") is about that earlier time
    if any(m.anchor and not (m.earlier or m.told_earlier) for m in mentions if not m.in_title):
        for m in mentions:
            m.earlier = m.earlier or m.told_earlier
    return mentions[:MAX_MENTIONS]


def _aftermath(text: str, spans: list[tuple[int, int]], lexicon: Lexicon) -> bool:
    """Whether a sentence's violent words are only the perpetrators already told ("the kidnappers had
    called the family on Wednesday demanding $50,000"): what they did next, no new incident."""
    agents = [m.span() for m in lexicon.definite_agents.finditer(text)]
    if not agents or not any(a <= x and y <= b for a, b in agents for x, y in spans):
        return False
    rest = lexicon.definite_agents.sub(" ", text)
    return not Taxonomy.default().harm(rest) and not Taxonomy.default().battle(rest)


EARLIER_DAYS = 20  # an opening month this many days or more before publication is an earlier one


def _told_earlier(text: str, published: date | None, period: re.Pattern[str], language: str) -> bool:
    """Whether a sentence tells an earlier month or year than the report's, in `period`'s words ("Last
    month, ...", "A year ago, ...", "In March, ..." in a May report). A month named is checked against
    the publication date (a March report's "In March, ..." is this month); unknown publication: False."""
    match = period.search(text)
    if match is None or published is None:
        return False
    named = find_dates(match.group(0), published, language)
    if named:
        return all((published - d.date).days >= EARLIER_DAYS for d in named)
    months = date_lexicon(language).months
    month = next((months[w] for w in re.findall(r"\w+", match.group(0).lower()) if w in months), None)
    year = re.search(r"\b(?:19|20)\d\d\b", match.group(0))
    if month is None and year is not None:
        return int(year.group(0)) < published.year  # "In 2024, ..." in a 2025 report
    return month is None or month != published.month  # "In March," with no year: this year's March


def _anchor_day(words: str, published: date | None, language: str) -> date | None:
    """The day an anchor names ("on Monday", "overnight"), where the publication date resolves it: two
    anchors worded apart ("an overnight raid ... The attackers stormed the village at 11 p.m. on
    Monday") may be one day."""
    days = [d for d in find_dates(words, published, language) if d.time_precision == 1]
    return days[0].date if days else None


def group_mentions(mentions: list[Mention]) -> list[Incident]:
    """Group mentions into incidents (ACLED: different place/date/type -> different events)."""
    incidents: list[Incident] = []
    title: list[Mention] = []
    for mention in mentions:
        if mention.in_title:
            title.append(mention)  # a headline restates the lead incident
            continue
        current = incidents[-1] if incidents else None
        starts_new = (
            current is None
            or mention.new_incident
            or mention.earlier  # an earlier time told ends the incident before it
            or (mention.anchor is not None and not mention.summary and all(m.summary for m in current.mentions))
            # a tally over a period told after an incident ("30 have been killed since the protests began")
            or (mention.summary and not all(m.summary for m in current.mentions))
            or (mention.place is not None and mention.place.lower() not in current.text.lower())
            or (
                mention.anchor is not None and current.anchor is not None and mention.anchor != current.anchor
                and not mention.restates
                and not mention.aftermath
                # a weak trigger on another day after a strong one ("the market remained closed on Monday as
                # security forces searched homes"): the incident's aftermath, not another incident
                # (one that opens on its day, "On Monday, fighters attacked ...", tells an incident of its own)
                and not (mention.strength <= WEAK and any(m.strength >= 1.0 for m in current.mentions)
                         and not mention.text.lstrip().lower().startswith(mention.anchor))
                and not (mention.refers_back and mention.day is not None and mention.day == current.day)
            )
        )
        if starts_new:
            if len(incidents) >= MAX_INCIDENTS:
                break
            incidents.append(Incident(mentions=[mention]))
        else:
            assert current is not None
            current.mentions.append(mention)
    # (an incident opened by an earlier time is that time's, whatever undated sentences follow it: "In
    # January 2024, gunmen stormed a television station ... After a dip in 2024, killings rose again")
    news = [i for i in incidents if not i.mentions[0].earlier]
    if news and len(news) < len(incidents):
        # "Last month, jihadists killed 30 in a nearby village": recalled for context, its own report told it
        incidents = news
    if len(incidents) > 1:
        # "Bandits and vigilantes also clashed in Katsina while police freed ...": a standfirst of the
        # other stories is no one incident's
        title = [m for m in title if default_lexicon().other_stories.search(m.text) is None]
    told = [i for i in incidents if not all(m.summary for m in i.mentions)]
    if told and len(told) < len(incidents):
        # a tally over a period whose operations the article tells one by one is their summary, and so
        # is the headline above it ("Army Says It Killed Over 100 Jihadists In Week Of Operations"); a
        # headline above a lead incident, with a tally told after it, is the lead's
        if title and told[0] is incidents[0]:
            told[0].mentions[:0] = title
        return told
    # a headline alone (nothing in the body) is not an incident; one of two stories ("Junta Arrests Former
    # Minister; Ten Soldiers Killed In West") is no one incident's
    if title and incidents and not (len(incidents) > 1 and any(";" in m.text for m in title)):
        incidents[0].mentions[:0] = title
    return incidents


WEAK = 0.6  # a weak trigger's strength (`classify_sentence`): alone on another day it is an aftermath
MAX_TRAILING = 2  # non-mention sentences after a mention that still describe it
MAX_CONTEXT_CHARS = 4000


def _add_context(doc: Doc, incidents: list[Incident], sentences: list[tuple[int, int]],
                 recalled: list[Mention] | None = None) -> None:
    """Each incident's reading text: its mentions, the sentences between them, and up to
    MAX_TRAILING following sentences before the next incident (background excluded). An earlier
    incident recalled for context (`recalled`, no event of its own) ends the one before it too."""
    lexicon = default_lexicon()
    published = published_date(doc)
    body = [inc for inc in incidents]
    starts = sorted({m.start for inc in body for m in inc.mentions if not m.in_title} |
                    {m.start for m in recalled or []})
    for incident in body:
        title = [m.text for m in incident.mentions if m.in_title]
        incident.context_spans = [(m.start, m.end) for m in incident.mentions if m.in_title]
        own = [m for m in incident.mentions if not m.in_title]
        if not own:
            incident.context = " ".join(title)[:MAX_CONTEXT_CHARS]
            continue
        first, last = own[0].start, own[-1].end
        following = [x for x in starts if x > own[-1].start and x not in {m.start for m in own}]
        limit = following[0] if following else len(doc.text)
        parts = list(title)
        trailing = 0
        for start, end in sentences:
            if end <= first or start >= limit:
                continue
            # a sentence shared with another incident (`clauses`) counts only up to or from the cut
            start, end = max(start, first), min(end, limit)
            text = doc.text[start:end]
            if start > last:
                if trailing >= MAX_TRAILING:
                    break
                trailing += 1
            if start <= last or not is_background(text, lexicon, published):
                parts.append(text)
                incident.context_spans.append((start, end))
                incident.context_end = max(incident.context_end, end)
        incident.context = " ".join(parts)[:MAX_CONTEXT_CHARS]


SHORT_TEXT = 800  # a dispatch this short that names any trigger is read as one incident


def _short_dispatch(doc: Doc, title_end: int = 0) -> list[Incident]:
    """A brief (a wire item, a coder's note) with triggers but no context words: one weak incident.
    Weak triggers alone ("beat", "fight", "operation") also need an actor word somewhere in the
    brief: sport, business and technology items use them too."""
    lexicon = default_lexicon()
    published = published_date(doc)
    mentions: list[Mention] = []
    actors = _names_actor(doc.text, lexicon)
    for start, end in _sentences(doc):
        text = doc.text[start:end]
        if is_background(text, lexicon, published) or lexicon.not_conflict.search(text) or \
                is_court_ruling(doc, start, end) or is_reaction(doc, start, end):
            continue
        spans = [
            m.span() for pattern in (lexicon.unambiguous, lexicon.violent, lexicon.strong) for m in pattern.finditer(text)
        ]
        if spans or actors:
            spans += [m.span() for m in lexicon.weak.finditer(text)]
        if spans and not is_unreal(doc, start, end, spans):
            anchor = lexicon.anchor.search(text)
            mentions.append(
                Mention(
                    start,
                    end,
                    text,
                    0.4,
                    [(start + a, start + b) for a, b in spans],
                    anchor.group(0).lower() if anchor else None,
                    False,
                )
            )
    if all(m.start < title_end for m in mentions):
        return []  # a headline alone is not an incident (as in group_mentions)
    return [Incident(mentions=mentions)]


def whole_text_incident(doc: Doc, strength: float = 0.3) -> Incident | None:
    """A short dispatch with no trigger word but an actor (soldiers, residents, a group...) as one
    tentative incident, for a model to accept or reject; None when it names no actor."""
    if len(doc.text) > SHORT_TEXT or not doc.text.strip():
        return None
    lexicon = default_lexicon()
    published = published_date(doc)
    mentions: list[Mention] = []
    for start, end in _sentences(doc):
        text = doc.text[start:end]
        if not any(ch.isalpha() for ch in text) or sum(ch.isdigit() for ch in text) > MAX_DIGIT_SHARE * len(text):
            continue
        if is_court_ruling(doc, start, end):
            return None  # a dispatch on a trial: what it tells of the crime is no event of its own
        if lexicon.not_conflict.search(text) or is_background(text, lexicon, published) or \
                is_reaction(doc, start, end) or is_unreal(doc, start, end, classify_sentence(text, lexicon)[1]):
            continue
        anchor = lexicon.anchor.search(text)
        mentions.append(Mention(start, end, text, strength, [], anchor.group(0).lower() if anchor else None, False))
    if not mentions:
        return None
    joined = " ".join(m.text for m in mentions)
    if not _names_actor(joined, lexicon):
        return None
    return Incident(mentions=mentions, context=joined[:MAX_CONTEXT_CHARS], context_end=mentions[-1].end,
                    context_spans=[(m.start, m.end) for m in mentions])


def _lead_tells_later(doc: Doc, title_end: int, mentions: list[Mention]) -> bool:
    """Whether the body's first sentence is no mention and is dated within the report's days ("on
    Wednesday"), not to the earlier time its mentions recall."""
    lead = next(((a, b) for a, b in _sentences(doc) if a >= title_end and doc.text[a:b].strip()
                 and not DATELINE.fullmatch(doc.text[a:b].strip())), None)
    if lead is None or any(lead[0] <= m.start < lead[1] for m in mentions):
        return False
    anchor = incident_anchor(doc.text[lead[0] : lead[1]], default_lexicon(), doc_language(doc))
    published = published_date(doc)
    if anchor is None or published is None:
        return False
    day = _anchor_day(anchor.group(0), published, doc_language(doc))
    return day is not None and (published - day).days < EARLIER_DAYS


def segment(doc: Doc, title_end: int = 0) -> list[Incident]:
    """Incidents of a document: mentions found, background dropped, grouped, context attached."""
    if not is_prose(doc.text):
        return []
    mentions = find_mentions(doc, title_end)
    incidents = group_mentions(mentions)
    if incidents and all(m.earlier or m.told_earlier for i in incidents for m in i.mentions if not m.in_title) and \
            _lead_tells_later(doc, title_end, mentions):
        # "The rebels on Wednesday swore in an administrator ... M23 captured Goma in late January": the
        # report is of a later happening that is no event; what it recalls is context
        return []
    if not incidents and len(doc.text) <= SHORT_TEXT:
        incidents = _short_dispatch(doc, title_end)
    if incidents:
        kept = {id(m) for incident in incidents for m in incident.mentions}
        # earlier incidents recalled, tallies over a period: no event, and not part of the one before
        recalled = [m for m in mentions if (m.earlier or m.summary) and id(m) not in kept]
        _add_context(doc, incidents, _sentences(doc), recalled)
    return incidents
