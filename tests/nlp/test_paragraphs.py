"""strife_paragraphs: sentence bounds the parser keeps (real English pipeline)."""

from __future__ import annotations

import pytest

from strife.nlp import load_model, make_doc
from strife.schema import Article


@pytest.fixture(scope="module")
def nlp():
    nlp = load_model("en")
    nlp.add_pipe("strife_paragraphs", first=True)
    return nlp


def test_a_headline_and_a_standfirst_are_one_sentence_each(nlp) -> None:
    article = Article(
        title="Militants Kill 30 In Attacks On Two Villages",
        standfirst="Survivors say the gunmen arrived on motorcycles and set houses alight",
        body="Militants killed at least 30 people in two villages on Monday, residents said.\n"
             "Police confirmed the attack.",
    )
    doc = nlp(make_doc(nlp, article))
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences[0] == article.title
    assert sentences[1] == article.standfirst  # it no longer runs into the lead
    assert sentences[2].startswith("Militants killed")
    assert any(s.startswith("Police confirmed") for s in sentences)


def test_a_doc_without_an_article_is_parsed_as_before(nlp) -> None:
    doc = nlp("Gunmen attacked a village. Police said two people died.")
    assert len(list(doc.sents)) == 2


def test_a_paragraph_does_not_open_on_a_one_word_sentence(nlp) -> None:
    article = Article(
        title="Band take on two festivals",
        body="Pixies, Foo Fighters and Iron Maiden will headline this summer's festivals.\n\nTickets sold out.",
    )
    doc = nlp(make_doc(nlp, article))
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences[1].startswith("Pixies, Foo Fighters")
