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


def _count_builds(monkeypatch) -> list[str]:
    """Every time a pack is built from its YAML (not read from the cache), its folder is noted here."""
    builds: list[str] = []
    real = Tutor._build.__func__

    def counting(cls, knowledge_dir, dialogues_dir):
        builds.append(str(knowledge_dir))
        return real(cls, knowledge_dir, dialogues_dir)

    monkeypatch.setattr(Tutor, "_build", classmethod(counting))
    return builds


def test_second_load_comes_from_the_cache(tmp_path, monkeypatch):
    builds = _count_builds(monkeypatch)
    knowledge = _pack(tmp_path)
    first = Tutor.load(knowledge=knowledge)
    assert len(list(cache_dir().glob("pack-*.pickle"))) == 1
    second = Tutor.load(knowledge=knowledge)
    assert builds == [str(knowledge)]  # built once; the second load read the cache
    assert second is not first
    question = "what does chlorophyll do?"
    assert first.respond(first.new_session(), question).to_dict() == second.respond(second.new_session(), question).to_dict()


def test_several_packs_are_kept_so_switching_does_not_rebuild(tmp_path, monkeypatch):
    builds = _count_builds(monkeypatch)
    photosynthesis = _pack(tmp_path)
    for _ in range(2):
        Tutor.load(knowledge=photosynthesis)
        Tutor.load()
    assert sorted(builds) == sorted([str(photosynthesis), str(ROOT / "knowledge")])
    assert len(list(cache_dir().glob("pack-*.pickle"))) == 2


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


def test_the_least_recently_used_pack_is_dropped_beyond_the_limit(tmp_path, monkeypatch):
    import os

    from tutor import packcache

    monkeypatch.setattr(packcache, "KEEP", 2)
    packs = []
    for index in range(3):
        pack = tmp_path / f"p{index}"
        pack.mkdir()
        packs.append(_pack(pack))
    Tutor.load(knowledge=packs[0])
    for path in cache_dir().glob("pack-*.pickle"):
        os.utime(path, (1, 1))  # used long ago (the file times of one run are too close to order)
    Tutor.load(knowledge=packs[1])
    Tutor.load(knowledge=packs[2])
    builds = _count_builds(monkeypatch)
    assert len(list(cache_dir().glob("pack-*.pickle"))) == 2
    Tutor.load(knowledge=packs[2])
    Tutor.load(knowledge=packs[0])
    assert builds == [str(packs[0])]  # the newest was kept, the oldest dropped
