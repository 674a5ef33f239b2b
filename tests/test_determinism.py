"""Replies are deterministic: the same questions in two processes whose string hashing differs (PYTHONHASHSEED)
get the very same replies, confidence included (sums over sets must not depend on the order sets are walked)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT

_SCRIPT = """
import json, sys
from tutor import Tutor
from tutor.evaluation import load_cases
tutor = Tutor.load()
replies = []
for path in sys.argv[1:]:
    singles, dialogues = load_cases(path)
    replies += [tutor.respond(tutor.new_session(), case.question).to_dict() for case in singles]
    for turns in dialogues:
        session = tutor.new_session()
        replies += [tutor.respond(session, case.question).to_dict() for case in turns]
print(json.dumps(replies, sort_keys=True))
"""


def _replies(seed: str, tmp_path) -> list[dict]:
    sets = [str(ROOT / "tests" / "data" / name) for name in ("heldout.yaml", "tuning.yaml")]
    env = dict(os.environ, PYTHONHASHSEED=seed, TUTOR_NO_CACHE="1", XDG_CACHE_HOME=str(tmp_path / seed))
    result = subprocess.run([sys.executable, "-c", _SCRIPT, *sets], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_replies_do_not_depend_on_string_hashing(tmp_path):
    first, second = _replies("1", tmp_path), _replies("2", tmp_path)
    assert len(first) == len(second) > 500
    differing = [(a["text"][:60], a["confidence"], b["confidence"]) for a, b in zip(first, second) if a != b]
    assert not differing, differing[:5]


def test_a_question_made_of_a_keys_own_words_covers_it_exactly(tutor):
    """Recall is exactly 1 when a question holds all of a key's words, whatever order the sets are summed in:
    a name's bonus must not hang on the last bit of a float."""
    matcher = tutor._matcher
    inexact = []
    for index, key in enumerate(matcher._keys):
        for question in (key.stems, frozenset(sorted(key.stems, reverse=True)) | {"zzzunknown"}):
            weights = {s: matcher._weights.get(s) or matcher.weight(s) for s in question}
            _, recall = matcher._key_score(frozenset(question), weights, sum(weights.values()), key, matcher._key_totals[index])
            if recall != 1.0:
                inexact.append((key.text, recall))
    assert not inexact, inexact[:5]
