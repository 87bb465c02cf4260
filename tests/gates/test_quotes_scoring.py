"""The PolNeAR speaker rule of issue 10 as eval/quotes_eval.py applies it, on made-up
source phrases (no ../shared needed): the system's surname must be one of the source's
name words; a description ("the harbour host", "a spokesman for Jo Vane") is unnamed."""

from __future__ import annotations

from eval.quotes_eval import _name_words, score_polnear
from index.models import Quote


def test_name_words_come_from_the_head_of_the_source_not_its_modifiers():
    assert _name_words("Tom Vane of the Ohio delegation") == {"tom", "vane"}
    assert _name_words("Secretary of State Jo Vane") == {"state", "jo", "vane"}
    assert _name_words("a spokesman for Jo Vane") == set()
    assert _name_words("a longtime adviser to Vane") == set()
    assert _name_words("an aide to the Vanes") == set()
    assert _name_words("former secretary of state Jo Vane") == {"jo", "vane"}
    assert _name_words("master of ceremonies Ali Al-Harbi") == {"ali", "al-harbi"}
    assert _name_words("Nia Roux, who thanked Mr. Vane") == {"nia", "roux"}
    assert _name_words("Vane himself") == {"vane"}
    assert _name_words("the cleric Omar al-Harbi") == {"omar", "al-harbi"}


def test_a_surname_that_is_also_a_common_capital_is_a_name():
    assert _name_words("Ms. White") == {"white"}
    assert _name_words("the White House") == {"white", "house"}


def _article(source: str) -> dict:
    text = 'Voters were angry. "We will not forget this day at all," ' + source + " said."
    start = text.index('"')
    content = '"We will not forget this day at all,"'
    return {
        "filename": "made-up.txt",
        "text": text,
        "attributions": [{
            "content": [{"text": content, "start": start}],
            "source": [{"text": source}],
        }],
    }


def _speaker(name: str | None):
    def extractor(paragraphs):
        return [Quote(paragraph=1, text="We will not forget this day at all,", speaker=name)]
    return extractor


def test_a_family_name_first_is_the_surname_the_source_uses():
    assert score_polnear([_article("Mr. Wang")], _speaker("Wang Lijun"))["speaker_accuracy"] == 1.0
    assert score_polnear([_article("Mr. Lijun")], _speaker("Wang Lijun"))["speaker_accuracy"] == 1.0
    assert score_polnear([_article("Mr. Chen")], _speaker("Wang Lijun"))["speaker_accuracy"] == 0.0


def test_a_described_source_is_right_only_with_no_name():
    art = [_article("a spokesman for Jo Vane")]
    assert score_polnear(art, _speaker("Jo Vane"))["speaker_accuracy"] == 0.0
    assert score_polnear(art, _speaker(None))["speaker_accuracy"] == 1.0
    named = [_article("Tom Vane of the Ohio delegation")]
    assert score_polnear(named, _speaker("Tom Vane"))["speaker_accuracy"] == 1.0
