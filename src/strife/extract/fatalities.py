"""ACLED's fatality count from the casualty Claims of one event.

Rules (ACLED codebook, "Fatalities"), as applied here:

* deaths only: claims of people killed, and "neutralized" (military reporting uses it for
  enemies killed, and ACLED codes such counts as fatalities); injured, captured, abducted,
  arrested, missing and unspecific "casualties" never count;
* the most conservative credible estimate: a range counts its low end ("1-4" -> 1),
  "at least 14" -> 14, "up to 5" -> 5 (the only number given), tens=10, dozens=12, hundreds=100;
* different sides of one event add up (soldiers killed + militants killed); the same side
  counted twice is one figure: equal figures are a restatement, unequal figures from
  different claimants are a dispute (the lower wins, and a note says so), unequal figures
  with no distinct claimants are an update (the higher, later toll wins);
* a total ("12 fatalities", "the death toll rose to 12") is a restatement of the parts when
  it does not exceed their sum, and the count when it does - unless another teller gives it
  ("at least 85 civilians, the agency said ... residents said the toll was higher than 100"):
  a dispute, the lower stands;
* estimates of the whole toll by different tellers ("an official put the toll at more than 100,
  a security source said at least 70 people had died") are a dispute, not a toll and more dead;
  a toll told as risen ("bringing the toll to eight") is an update;
* an armed group's count of its victims, and vague amounts, beside an estimate of the whole toll
  are recorded in the dispute note, not added ("JNIM said it killed 300 militiamen"); a vague
  amount yields to a figure for the same side; a force's own dead are its soldiers (`members`);
* "people"/"individuals" next to named sides is a restatement when it equals their sum or one of them,
  and so is a vague amount no larger than their sum ("dozens dead on both sides" beside 40 and 25);
* deaths stated with no number ("several soldiers were killed", "an unknown number died")
  -> 10 for a significant attack, 3 for a limited one (the issue's rule; ACLED's notes
  show "unknown fatalities coded as 10" for large events);
* a headline's or standfirst's count summarizes the body's ("Dozens killed" above "we lost six
  soldiers and killed more than 30 attackers"): it counts only when the body gives no number;
* no death stated -> 0.
"""

from __future__ import annotations

import re

from strife.extract.claims import CODED, SPLIT, TOTAL_WORDS, claimant_key, claimant_kind
from strife.extract.claims import lexicon as claims_lexicon
from strife.extract.numbers import lexicon as number_lexicon
from strife.schema import Claim, Evidence

DEATH = {"killed", "neutralized"}
# Victim words that may restate the named sides ("5 people were killed", "8 bodies were found").
_SOFT_WORDS = {"people", "persons", "person", "individuals", "individual", "victims", "victim", "bodies", "body",
               "corpses", "corpse", "killings", "killing"}
UNKNOWN_SIGNIFICANT = 10
UNKNOWN_LIMITED = 3


def _value(claim: Claim) -> int | None:
    if claim.number_low is not None:
        return claim.number_low
    return claim.number_high


def _own_sides(claims: list[Claim], language: str) -> dict[str, str]:
    """The last word of each claimant that counts its own dead ("JNIM" of "lost eight of its own men"),
    with that side's key."""
    own: dict[str, str] = {}
    members = claims_lexicon(language).members
    for c in claims:
        if c.claimant and c.whom and "(own losses)" in c.whom:
            words = re.findall(r"[\w-]+", c.claimant.lower())
            if words:
                own[words[-1]] = c.whom
                # the army's own dead are soldiers (the teller's force may be any of its words: "army
                # spokesman Major X")
                for member in (m for w in words for m in members.get(w, ())):
                    own.setdefault(member, c.whom)
    return own


def _side(claim: Claim, own: dict[str, str] | None = None) -> str | None:
    """A key for the side that suffered: the head word of `whom`, singular, lowercase; a side that
    counts its own dead is one side with the others' counts of it ("40 JNIM fighters" by IS, "eight
    of its own men" by JNIM: a dispute over JNIM's dead, not 48 dead)."""
    if not claim.whom:
        return None
    if "(own losses)" in claim.whom:
        return claim.whom
    for name, key in (own or {}).items():
        if re.search(rf"\b{re.escape(name)}s?\b", claim.whom.lower()):
            return key
    # The head of the side's noun group: the last word before "of", "including", "who", a comma...
    core = re.split(r"\s(?:of|including|from|in|who|among|at|on|near)\s|[,(;]", " " + claim.whom.lower() + " ")[0]
    if not core.strip():
        core = claim.whom.lower()
    words = [w for w in re.findall(r"[a-z][a-z'-]*", core) if w not in {"the", "and", "were", "was"}]
    if not words:
        return None
    head = words[-1]
    if head.endswith("ies"):
        head = head[:-3] + "y"
    elif head.endswith("men"):
        head = head[:-3] + "man"
    elif head.endswith("s") and not head.endswith("ss"):
        head = head[:-1]
    return head


def _vague(claim: Claim, language: str) -> bool:
    """A count given only as a vague amount ("dozens", "scores of"), no figure."""
    words = re.sub(r"\s+of$", "", (claim.number_text or "").strip().lower())
    return words in number_lexicon(language).vague


def _is_total(claim: Claim) -> bool:
    """A toll of everyone ("12 fatalities", "the death toll rose to 12"), not one side."""
    words = set(re.findall(r"[a-z]+", (claim.number_text or "").lower()))
    return bool(words & TOTAL_WORDS)


def _claimant(claim: Claim) -> str:
    return claim.claimant or ""


def _claimed_by_group(claim: Claim, language: str) -> bool:
    """A count an armed group gives (of the enemies it says it killed, or of its own dead)."""
    return bool(claim.claimant) and claimant_kind(claim.claimant, language) == "armed_group"


def _updates(claims: list[Claim], language: str) -> bool:
    """Whether any of these tolls is told as risen ("bringing the toll to eight")."""
    updates = claims_lexicon(language).toll_updates
    return any(set(re.findall(r"[a-z]+", (c.number_text or "").lower())) & updates for c in claims if _is_total(c))


def _disputed_whole(claims: list[Claim], language: str) -> bool:
    """Whether estimates of the whole toll come from two or more named claimants that disagree (a toll
    told as risen, "bringing the toll to eight", is an update, not a dispute)."""
    if _updates(claims, language):
        return False
    by_claimant = {claimant_key(c.claimant, language): _value(c) for c in claims if c.claimant}
    return len(by_claimant) >= 2 and len(set(by_claimant.values())) >= 2


def code_fatalities(
    claims: list[Claim], *, significant: bool, summary_end: int = 0, language: str = "en"
) -> tuple[int, list[Evidence], str | None]:
    """(fatalities, evidence of the claims used, dispute note or None) per ACLED's rules.

    `summary_end`: where the headline and standfirst end in the text (0: none); `language`: the
    article's, whose lexicons read the claims' words ("dozens", who the claimant is).
    """
    claims = _without_summary(claims, summary_end)
    fatalities, evidence, note = _code(claims, significant=significant, language=language)
    splits = [c for c in claims if (c.number_text or "").startswith(SPLIT)]
    if splits and fatalities > 0:
        parts = int((splits[0].number_text or "").rsplit(" ", 1)[-1])
        # Each event's share, rounded half up (10 over 3 events -> 3 each, the remainder to one).
        fatalities = int(fatalities / parts + 0.5)
        evidence = evidence + _evidence(splits[:1])
    return fatalities, evidence, note


def _in_summary(claim: Claim, summary_end: int) -> bool:
    return claim.evidence is not None and claim.evidence.start < summary_end


def _without_summary(claims: list[Claim], summary_end: int) -> list[Claim]:
    """The claims to count: the headline's and standfirst's only when the body numbers no deaths."""
    if summary_end <= 0:
        return claims
    body_counts = any(
        c.what in DEATH and _value(c) is not None and not _in_summary(c, summary_end) for c in claims
    )
    return [c for c in claims if not _in_summary(c, summary_end)] if body_counts else claims


def _code(claims: list[Claim], *, significant: bool, language: str) -> tuple[int, list[Evidence], str | None]:
    coded = [c for c in claims if (c.number_text or "").startswith(CODED) and c.number_low is not None]
    if coded:
        # A coder's explicit decision stated in the text wins over the counts it weighs.
        return coded[-1].number_low or 0, _evidence(coded[-1:]), None
    deaths = [c for c in claims if c.what in DEATH]
    if not deaths:
        return 0, [], None
    numbered = [c for c in deaths if _value(c) is not None]
    if not numbered:
        return (UNKNOWN_SIGNIFICANT if significant else UNKNOWN_LIMITED), _evidence(deaths), None

    totals: list[Claim] = []
    soft: list[Claim] = []
    sides: dict[str, list[Claim]] = {}
    own = _own_sides(numbered, language)
    for c in numbered:
        side = _side(c, own)
        if side is None and _is_total(c):
            totals.append(c)
        elif side is None or side in {w.rstrip("s") for w in _SOFT_WORDS} | _SOFT_WORDS:
            soft.append(c)
        else:
            sides.setdefault(side, []).append(c)

    used: list[Claim] = []
    disputes: list[str] = []
    if soft and totals and _disputed_whole(soft + totals, language):
        # "A local official put the toll at more than 100, while a security source said at least 70
        # people had died": two estimates of one toll, not a toll and more dead
        soft, totals = soft + totals, []
    boasts = {claimant_key(c.claimant or "", language) for group in sides.values() for c in group
              if _claimed_by_group(c, language)}
    if sides and len(boasts) <= 1 and any(not _vague(c, language) and not _claimed_by_group(c, language)
                                          for c in soft + totals) and all(
        _vague(c, language) or _claimed_by_group(c, language) for group in sides.values() for c in group
    ):
        # the attackers' own count of their victims ("JNIM said it had killed around 300 militiamen")
        # and a vague amount beside another teller's estimate of the whole toll: recorded, the estimate
        # is the count (a group's own total, "five deaths in its ranks", is no such estimate)
        # (two groups counting each other's dead are the fight's sides: others killed add to them)
        disputes.extend(
            f"{_says(_claimant(c))} {_counted(_value(c) or 0, side)}"
            for side, group in sides.items() for c in group if _claimed_by_group(c, language)
        )
        sides = {}
    parts: list[int] = []
    for side, group in sides.items():
        value, chosen, note = _one_figure(group, side, language)
        parts.append(value)
        used.extend(chosen)
        if note:
            disputes.append(note)
    named_sum = sum(parts)

    if soft:
        value, chosen, note = _one_figure(soft, None, language)
        named_evidence = {c.evidence for g in sides.values() for c in g}
        # "12 people were killed, including 5 soldiers": the people are everyone (so are "35 people, including
        # soldiers, gendarmes and traders" when "seven traders also died" follows)
        everyone = bool(parts) and value > named_sum and (
            any(c.evidence in named_evidence for c in soft) or any(_listing_all(c) for c in chosen)
            or all(c.evidence is not None and _PART_OF.search(c.evidence.quote) for g in sides.values() for c in g))
        side_tellers = {claimant_key(c.claimant, language) for g in sides.values() for c in g if c.claimant}
        soft_tellers = {claimant_key(c.claimant, language) for c in chosen if c.claimant}
        if parts and value <= named_sum and all(_vague(c, language) for c in soft):
            pass  # "dozens dead on both sides" beside each side's own count: a summary, not more dead
        elif len(sides) == 1 and value > named_sum and not everyone and side_tellers and soft_tellers and \
                all(c.claimant for g in sides.values() for c in g) and not side_tellers & soft_tellers:
            # "17 civilians were killed, the ministry said ... a local official said 'we have counted 22
            # dead'": another teller's count of the same dead, the lower stands (noted)
            disputes.append(f"{_says(_claimant(chosen[0]))} {value}")
        elif not parts or (value != named_sum and value not in parts):
            if everyone:
                named_sum = value
            else:
                named_sum += value
            used.extend(chosen)
        if note:
            disputes.append(note)

    total = named_sum
    if totals:
        value, chosen, note = _one_figure(totals, None, language)
        tellers = {claimant_key(c.claimant, language) for c in used if c.claimant}
        other_teller = bool(tellers) and not _updates(chosen, language) and \
            all(c.claimant and claimant_key(c.claimant, language) not in tellers for c in chosen)
        if value > total and other_teller:
            # "at least 85 civilians, the emergency agency said ... residents said the toll was higher than
            # 100": another teller's higher toll of the same dead, the lower stands (noted)
            disputes.append(f"{_says(_claimant(chosen[0]))} {value}")
        elif value > total:
            total = value
            used.extend(chosen)
        elif not used:
            used.extend(chosen)
        if note:
            disputes.append(note)
    note = ("Fatalities disputed: " + "; ".join(disputes) + ".") if disputes else None
    return max(total, 0), _evidence(used), note


def _counted(value: int, side: str | None) -> str:
    """ "4 soldiers", "1 soldier" (the side's word as `_side` gives it), or the bare number."""
    if not side:
        return str(value)
    if side.endswith(" (own losses)"):  # "8 JNIM dead"
        return f"{value} {side.removesuffix(' (own losses)')} dead"
    if value != 1:
        side = side[:-3] + "men" if side.endswith("man") else (side[:-1] + "ies" if side.endswith("y") else side + "s")
    return f"{value} {side}"


def _one_figure(group: list[Claim], side: str | None, language: str) -> tuple[int, list[Claim], str | None]:
    """One side's figure from its claims, and a dispute note when claimants disagree (each figure
    with the side's word: "the army claims 4 soldiers; JNIM claims 30 soldiers").

    Claims of one sentence and one claimant with different words for the side ("30 Ukrainian
    servicemen ... 4 DNR servicemen") are different sides of that sentence: they add up first.
    """
    if any(_vague(c, language) for c in group) and not all(_vague(c, language) for c in group):
        # "dozens of soldiers" beside "47 soldiers": the figure tells what the vague amount summed up
        group = [c for c in group if not _vague(c, language)]
    merged: dict[tuple[object, str], Claim] = {}
    for c in group:
        key = (c.evidence, (c.whom or "").lower())
        merged.setdefault(key, c)
    by_sentence: dict[object, list[Claim]] = {}
    for c in merged.values():  # (two claimants' counts in one sentence are two figures, not parts)
        by_sentence.setdefault((c.evidence, _claimant(c)) if c.evidence is not None else id(c), []).append(c)
    if any(len(v) > 1 for v in by_sentence.values()):
        group = [
            v[0].model_copy(update={"number_low": sum(_value(x) or 0 for x in v), "number_high": None})
            if len(v) > 1 else v[0]
            for v in by_sentence.values()
        ]
    values = [(_value(c) or 0) for c in group]
    if len(set(values)) == 1:
        return values[0], group[:1], None
    by_claimant: dict[str, int] = {}
    for c, v in zip(group, values, strict=True):
        by_claimant.setdefault(_claimant(c), v)
    named = {k: v for k, v in by_claimant.items() if k}
    if len(named) >= 2 and len(set(named.values())) >= 2:
        low = min(values)
        chosen = [c for c, v in zip(group, values, strict=True) if v == low][:1]
        note = "; ".join(f"{_says(k)} {_counted(v, side)}" for k, v in named.items())
        return low, chosen, note
    if named and any(not k for k in by_claimant) and len(set(values)) >= 2:
        # An independent report and a party's claim differ: conservative figure, noted.
        low = min(values)
        chosen = [c for c, v in zip(group, values, strict=True) if v == low][:1]
        others = "; ".join(f"{_says(k) if k else 'other reports give'} {_counted(v, side)}"
                           for k, v in by_claimant.items())
        return low, chosen, others
    high = max(values)
    return high, [c for c, v in zip(group, values, strict=True) if v == high][:1], None


# A side told as part of the dead already counted ("the dead included four civilians", "among them two children").
_PART_OF = re.compile(r"\b(dead|victims|those killed|toll|fatalities) (included|include|includes)\b|\bamong (them|the dead)\b",
                      re.I)


def _listing_all(claim: Claim) -> bool:
    """A count of people told with the kinds it includes ("at least 35 people, including soldiers, customs
    officers and traders"): everyone's toll."""
    if claim.evidence is None or not claim.number_text:
        return False
    # (the list follows the count's own words: "... killing six and wounding three others including one" is not)
    listed = rf"{re.escape(claim.number_text)}(?:\s+[\w-]+){{0,3}},\s+including\b"
    return re.search(listed, claim.evidence.quote, re.I) is not None


def _says(claimant: str) -> str:
    """"the army claims", "residents claim": the claimant with its verb."""
    last = (claimant.split() or [""])[-1]
    plural = not last.isupper() and last.lower().endswith("s") and not last.lower().endswith(("ss", "us", "is"))
    return f"{_the(claimant)} {'claim' if plural else 'claims'}"


def _the(claimant: str) -> str:
    if claimant[:1].isupper() or claimant.isupper():
        return claimant
    return claimant if claimant.startswith("the ") else f"the {claimant}"


def _evidence(claims: list[Claim]) -> list[Evidence]:
    out: list[Evidence] = []
    for c in claims:
        if c.evidence is not None and c.evidence not in out:
            out.append(c.evidence)
    return out
