from __future__ import annotations

import json

import pytest

from analysis.io import InputError, parse_concerns, read_concerns


def test_csv_with_optional_columns(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        'id,text,support,language,prompt\n1,Hola,2,es,¿Qué?\n2,"Hi, there",,,\n',
        encoding="utf-8",
    )
    concerns = read_concerns(path)
    assert [c.id for c in concerns] == ["1", "2"]
    assert concerns[0].support == 2 and concerns[0].language == "es"
    assert concerns[1].text == "Hi, there" and concerns[1].support == 0


def test_json_list_and_wrapper(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"concerns": [{"id": 7, "text": "x", "support": 1}]}))
    assert read_concerns(path)[0].id == 7
    assert parse_concerns('[{"id": "a", "text": "y"}]')[0].text == "y"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty"),
        ("   \n", "empty"),
        ("id,body\n1,x\n", "missing column text"),
        ("id,text\n", "no concerns"),
        ("id,text\n1,a\n1,b\n", "duplicate id"),
        ("id,text,support\n1,a,lots\n", "whole number"),
        ("id,text,support\n1,a,-3\n", "negative"),
        ("id,text\n,a\n", "empty id"),
        ('[{"text": "no id"}]', "no id"),
        ('{"concerns": 3}', "expected a JSON list"),
        ("[1, 2]", "not an object"),
        ("[{", "invalid JSON"),
    ],
)
def test_bad_input_is_a_clear_error(content, message):
    with pytest.raises(InputError, match=message):
        parse_concerns(content)


def test_non_utf8_and_missing_file(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("id,text\n1,policía\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_concerns(path)
    with pytest.raises(InputError, match="cannot read"):
        read_concerns(tmp_path / "nope.csv")


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("id,text\n1,ŋ\n".encode("utf-8-sig"))
    assert read_concerns(path)[0].text == "ŋ"
