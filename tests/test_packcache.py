"""The compiled cache of a pack: used when nothing changed, rebuilt when anything did, ignored when broken."""
from __future__ import annotations

import shutil

from tutor import Tutor
from tutor.packcache import cache_dir

from conftest import ROOT


def _pack(tmp_path):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "tests" / "data" / "photosynthesis" / "knowledge", knowledge)
    return knowledge


def test_second_load_comes_from_the_cache(tmp_path):
    knowledge = _pack(tmp_path)
    first = Tutor.load(knowledge=knowledge)
    cached = list(cache_dir().glob("pack-*.pickle"))
    assert len(cached) == 1
    second = Tutor.load(knowledge=knowledge)
    assert second is not first
    question = "what does chlorophyll do?"
    assert first.respond(first.new_session(), question).to_dict() == second.respond(second.new_session(), question).to_dict()


def test_a_changed_pack_file_is_seen(tmp_path):
    knowledge = _pack(tmp_path)
    Tutor.load(knowledge=knowledge)
    path = knowledge / "photosynthesis.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Chlorophyll", "title: Chlorophyll pigment"),
                    encoding="utf-8")
    tutor = Tutor.load(knowledge=knowledge)
    assert tutor.kb.concepts["chlorophyll"].title == "Chlorophyll pigment"


def test_a_broken_cache_file_is_ignored(tmp_path):
    knowledge = _pack(tmp_path)
    Tutor.load(knowledge=knowledge)
    for path in cache_dir().glob("pack-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert Tutor.load(knowledge=knowledge).respond(Tutor.load(knowledge=knowledge).new_session(), "chlorophyll").kind == "answer"


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_NO_CACHE", "1")
    Tutor.load(knowledge=_pack(tmp_path))
    assert not list(cache_dir().glob("pack-*.pickle"))
