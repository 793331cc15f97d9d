from strife.schema import Article


def test_part_spans_point_into_text() -> None:
    article = Article(title=" Raid on a market ", standfirst="", body="Gunmen raided the market.\n")
    spans = article.part_spans()
    assert set(spans) == {"title", "body"}
    assert [article.text[s:e] for s, e in spans.values()] == ["Raid on a market", "Gunmen raided the market."]


def test_part_spans_of_an_empty_article() -> None:
    assert Article().part_spans() == {}
