"""Scale benchmark: synthetic knowledge packs of 100, 1,000 and 10,000 concepts. Prints figures; asserts nothing.

For each size it writes a pack in the documented format (several YAML files; multi-word names built
from a generated vocabulary, shared common words such as "bone", "cell", "hormone", distinct rare
terms per concept, aliases, 5+ examples, three explanations, related ids and relations, vocabulary
tiers; no out_of_scope entries) and ~500 questions (paraphrases of examples, typos, out-of-scope
questions, relation questions and follow-ups). Then, each in a fresh subprocess, so that memory is
per size:

  cold   TUTOR_NO_CACHE=1: Tutor.load(knowledge=..., dialogues=<bundled dialogues/>), then every turn timed
  fill   cache on, XDG_CACHE_HOME=<temp>: the first load, which builds the pack and writes the cache
  warm   cache on, same XDG_CACHE_HOME: the second load, from the compiled cache, then every turn timed

Targets the team set (reported, not asserted): at 10,000 concepts p50 under 10 ms and load under 3 s
(the compiled cache allowed); per-turn cost growing well below linearly with the pack.

One cold build per size: the cold child also stores the pack in the cache exactly as packcache.cached() would
(same key, same pickle), so the warm child's load is a real second load without paying for a second build.

Run:  python tests/bench_scale.py [--sizes 100,1000,10000] [--questions 500] [--profile turns|load|both] [--keep DIR]
      --profile runs cProfile over the largest size (its turns from the warm cache, or its cold load) and prints
      where the time goes. Wall time is dominated by the 10,000-concept cold build.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIALOGUES = ROOT / "dialogues"
CONCEPTS_PER_FILE = 250  # ~0.8 MB per file, well under the loader's 2 MB limit per file
TARGET_P50_MS = 10.0
TARGET_LOAD_S = 3.0

# --- a generated vocabulary ----------------------------------------------------------------------

# Shared words, most frequent first: drawn with Zipf-like weights, so "bone" is in many concepts' names
# and examples (as in the bundled pack, where it is in 52 of 54 concepts) and "membrane" in few.
COMMON = [
    "bone", "cell", "hormone", "receptor", "protein", "signal", "growth", "factor", "tissue", "marrow", "enzyme",
    "gene", "blood", "density", "matrix", "mineral", "collagen", "fracture", "muscle", "fat", "liver", "kidney",
    "brain", "skin", "nerve", "vessel", "plasma", "membrane",
]
ROLES = [
    "receptor", "inhibitor", "activator", "ligand", "antagonist", "agonist", "transporter", "kinase", "channel",
    "complex", "cascade", "axis", "deficiency", "resistance", "sensitivity", "turnover", "loss", "formation",
    "precursor", "pathway", "signaling", "ratio", "clearance", "release", "production",
]
ADJECTIVES = [
    "cortical", "trabecular", "skeletal", "endocrine", "hepatic", "renal", "vascular", "neural", "adrenal",
    "thyroid", "ovarian", "stromal", "inflammatory", "metabolic", "osteogenic", "hematopoietic", "mesenchymal",
    "synovial", "periosteal", "circulating", "local", "systemic", "nuclear", "mitochondrial",
]
VERBS = [
    "raises", "lowers", "blocks", "activates", "releases", "shapes", "controls", "slows", "speeds", "protects",
    "weakens", "strengthens", "signals to", "binds", "guides", "tunes",
]
PROCESSES = [
    "remodeling", "resorption", "mineralization", "repair", "aging", "healing", "turnover", "maintenance",
    "renewal", "development", "strength", "breakdown",
]
WHO = ["women", "men", "children", "adults", "athletes", "older people", "postmenopausal women", "young adults"]
FILLER = [
    "notably", "in practice", "over time", "in healthy adults", "with age", "in most people", "during growth",
    "after menopause", "under stress", "at rest", "in the long run",
]
ONSETS = [
    "b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "cr", "dr", "gr", "kr", "pr",
    "tr", "st", "ph", "th", "ch", "sk", "pl", "fl", "gl",
]
NUCLEI = ["a", "e", "i", "o", "u", "ae", "ei", "ou", "y"]
CODAS = ["", "", "n", "r", "l", "s", "x", "m", "th", "nd", "rt"]
SUFFIXES = [
    "ase", "in", "ine", "ol", "one", "ide", "osin", "ulin", "ectin", "amin", "oid", "ogen", "ate", "ite", "cyte",
    "blast", "kine", "tropin", "statin", "plasmin", "omere", "alin",
]
RELATION_VERBS = {"inhibits": "blocks", "produces": "makes", "stimulates": "stimulates", "binds": "binds"}
OUT_OF_SCOPE = [
    "how do volcanoes erupt", "what is the capital of peru", "best recipe for bone broth", "how does a cell phone battery work",
    "who won the football world cup", "how do I file my tax return", "what is quantum chromodynamics",
    "explain the french revolution", "how do airplanes stay in the air", "what is a mortgage rate",
    "how to tune a guitar", "why is the sky blue", "what is the stock market", "how do bees make honey",
    "write me a poem about the sea", "what is machine learning", "how far is the moon", "what is inflation in economics",
    "how do I fix a flat bicycle tyre", "what causes earthquakes", "translate hello into japanese",
    "how long should I boil an egg", "what is the weather tomorrow", "who painted the mona lisa",
    "how does blockchain work", "what is the speed of light", "how do satellites orbit", "recommend a good novel",
]


class Vocabulary:
    """Unique made-up words: rare terms (names of things), abbreviations and gene-like symbols."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set(COMMON) | set(ROLES) | set(ADJECTIVES) | set(PROCESSES)

    def _unique(self, make) -> str:
        while True:
            word = make()
            if word not in self.used:
                self.used.add(word)
                return word

    def root(self) -> str:
        r = self.rng
        return self._unique(lambda: "".join(r.choice(ONSETS) + r.choice(NUCLEI) + r.choice(CODAS)
                                            for _ in range(r.choice((1, 2, 2, 3)))))

    def rare(self, root: str | None = None) -> str:
        r = self.rng
        base = root or self.root()
        return self._unique(lambda: base + r.choice(SUFFIXES) if root else
                            base + r.choice(NUCLEI) * r.randint(0, 1) + r.choice(SUFFIXES))

    def abbreviation(self) -> str:
        r = self.rng
        return self._unique(lambda: "".join(r.choice("BCDFGKLMNPRSTVZ") for _ in range(r.choice((3, 3, 4)))))

    def symbol(self) -> str:
        r = self.rng
        return self._unique(lambda: "".join(r.choice("bcdfgklmnprstvz") for _ in range(r.choice((3, 4, 5))))
                            + str(r.randint(1, 19)) + r.choice(["", "", "a", "b"]))


_CUMULATIVE: dict[int, list[float]] = {}


def zipf_choice(rng: random.Random, items: list[str], s: float = 1.1) -> str:
    if len(items) not in _CUMULATIVE:
        _CUMULATIVE[len(items)] = list(itertools.accumulate(1 / (i + 1) ** s for i in range(len(items))))
    return rng.choices(items, cum_weights=_CUMULATIVE[len(items)])[0]


# --- a generated pack ------------------------------------------------------------------------------

def generate_pack(n: int, out: Path, seed: int) -> list[dict]:
    """Write a pack of n concepts under out/knowledge; return the concepts (with their generation details)."""
    from tutor.normalise import canonical_phrase

    rng = random.Random(seed)
    vocab = Vocabulary(rng)
    names_taken: set[str] = set()

    def claim(name: str) -> bool:
        key = canonical_phrase(name)
        if not key or key in names_taken:
            return False
        names_taken.add(key)
        return True

    concepts: list[dict] = []
    while len(concepts) < n:
        # a family of 1-5 concepts whose rare terms share a root, like RANK / RANKL / OPG / the pathway
        root = vocab.root()
        family: list[dict] = []
        for _ in range(min(rng.choice((1, 2, 3, 3, 4, 5)), n - len(concepts))):
            c = _concept(rng, vocab, root, len(concepts), claim)
            if c:
                concepts.append(c)
                family.append(c)
        for c in family:
            c["family"] = [f["id"] for f in family if f is not c]

    ids = [c["id"] for c in concepts]
    by_id = {c["id"]: c for c in concepts}
    for i, c in enumerate(concepts):
        nearby = [ids[(i + d) % n] for d in (-7, 11, 23)] if n > 30 else []
        related = list(dict.fromkeys(c["family"] + rng.sample(nearby, k=min(len(nearby), rng.randint(0, 2)))))
        c["related"] = [r for r in related if r != c["id"]][:5]
    _add_relations(rng, concepts, by_id)
    for c in concepts:
        c["examples"] = _examples(rng, c, by_id)
        c["explain"] = _explanations(rng, c, by_id)

    knowledge = out / "knowledge"
    knowledge.mkdir(parents=True, exist_ok=True)
    _write_files(concepts, knowledge)
    return concepts


def _concept(rng: random.Random, vocab: Vocabulary, root: str, index: int, claim) -> dict | None:
    rare, rare2, symbol, abbr = vocab.rare(root), vocab.rare(), vocab.symbol(), vocab.abbreviation()
    common, role, adj = zipf_choice(rng, COMMON), rng.choice(ROLES), rng.choice(ADJECTIVES)
    shape = rng.random()
    plural = False
    if shape < 0.2:  # one rare word: "Kelvorase", or a cell type in the plural: "Kelvorocytes"
        if rare.endswith(("cyte", "blast")) and rng.random() < 0.7:
            rare, plural = rare + "s", True
        title = rare.capitalize()
    elif shape < 0.45:  # "kelvorin receptor"
        title = f"{rare.capitalize()} {role}"
    elif shape < 0.6:  # "OPG (osteoprotegerin)"
        title = f"{abbr} ({rare})"
    elif shape < 0.75:  # "Kelvorin bone formation"
        title = f"{rare.capitalize()} {common} {role}"
    elif shape < 0.88:  # common words only, the rare term is an alias: "Hepatic bone turnover"
        title = f"{adj.capitalize()} {common} {role}"
    else:  # "Kelvorin-driven bone loss in women"
        title = f"{rare.capitalize()}-driven {common} {rng.choice(['loss', 'formation', 'repair', 'aging'])} in {rng.choice(WHO)}"
    if not claim(title):
        return None
    aliases = []
    for alias in (abbr if not title.startswith(abbr) else None, rare if rare.lower() not in title.lower() else None,
                  f"{rare2} {rng.choice(ROLES)}", f"{rare} {zipf_choice(rng, COMMON)} {rng.choice(ROLES)}",
                  f"{rare2}" if rng.random() < 0.5 else None,
                  f"{title.replace('signaling', 'signalling')}" if "signaling" in title else None,
                  f"{abbr}-{rng.randint(1, 9)}" if rng.random() < 0.3 else None):
        if alias and rng.random() < 0.85 and claim(alias):
            aliases.append(alias)
    cid = re.sub(r"[^a-z0-9]+", "-", f"{rare}-{index}".lower()).strip("-")
    return {"id": cid, "title": title, "plural": plural, "rare": rare.rstrip("s") if plural else rare, "rare2": rare2,
            "symbol": symbol, "abbr": abbr, "common": common, "role": role, "adj": adj, "aliases": aliases,
            "section": rng.choice(["fundamentals", "fundamentals", "intermediate", "intermediate", "academic"]),
            "heading": f"{adj.capitalize()} {common} {rng.choice(PROCESSES)}"}


def short(c: dict) -> str:
    return re.sub(r"\s*\([^)]*\)", "", c["title"]).strip()


def name_of(rng: random.Random, c: dict) -> str:
    """One of a concept's names, as a learner might type it."""
    return rng.choice([short(c).lower(), c["title"].lower(), *[a.lower() for a in c["aliases"]]])


def _add_relations(rng: random.Random, concepts: list[dict], by_id: dict) -> None:
    seen: set[tuple[str, str]] = set()
    for c in concepts:
        c["relations"] = []
        targets = c["family"] + c["related"]
        for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
            if not targets:
                break
            other = rng.choice(targets)
            if (c["id"], other) in seen or (other, c["id"]) in seen:
                continue
            seen.add((c["id"], other))
            relation = rng.choice(["produces", "binds", "inhibits", "inhibits", "stimulates", "stimulates",
                                   "part-of", "causes", "found-in", "targets", "converts", "becomes"])
            c["relations"].append([c["id"], relation, other])


EXAMPLE_TEMPLATES = [
    "what is {name}", "what does {name} do", "{short} function", "{rare} role", "how does {name} affect {common}",
    "why is {name} important for {common} {process}", "explain {name} in {common} {process}",
    "what happens to {common} when {name} is low", "{name} and {rel}", "the {common} {role} that {verb} {common2}",
    "how is {name} linked to {common} {process} in {who}", "{symbol} expression and {rare}",
    "which {common} makes {name}", "what does {name} have to do with {rel}", "define {name}",
    "is {name} a {common} {role}", "{name} {process} mechanism",
]


def _fill(rng: random.Random, template: str, c: dict, by_id: dict) -> str:
    rel = by_id[rng.choice(c["related"])] if c["related"] else c
    return template.format(name=name_of(rng, c), short=short(c).lower(), rare=c["rare"], common=c["common"],
                           common2=zipf_choice(rng, COMMON), role=c["role"], verb=rng.choice(VERBS),
                           process=rng.choice(PROCESSES), rel=name_of(rng, rel), who=rng.choice(WHO), symbol=c["symbol"])


def _examples(rng: random.Random, c: dict, by_id: dict) -> list[str]:
    chosen = rng.sample(EXAMPLE_TEMPLATES, k=rng.randint(6, 9))
    return list(dict.fromkeys(_fill(rng, t, c, by_id) + rng.choice(["", "", "?"]) for t in chosen))


def _sentence(rng: random.Random, c: dict, by_id: dict, level: str) -> str:
    name = short(c)
    other = short(by_id[rng.choice(c["related"])]) if c["related"] else f"other {zipf_choice(rng, COMMON)} signals"
    parts = {  # each a template evaluated only when chosen
        "fundamentals": [
            lambda: f"{name} is a {c['common']} {c['role']} that {rng.choice(VERBS)} {zipf_choice(rng, COMMON)} {rng.choice(PROCESSES)}.",
            lambda: f"Think of it as a switch that {rng.choice(VERBS)} the {c['common']} cells, {rng.choice(FILLER)}.",
            lambda: f"When there is too little of it, {zipf_choice(rng, COMMON)} {rng.choice(PROCESSES)} goes wrong and bone can weaken.",
            lambda: f"It works together with {other}, which {rng.choice(VERBS)} {zipf_choice(rng, COMMON)} {rng.choice(PROCESSES)}.",
        ],
        "intermediate": [
            lambda: f"{name} is made by {c['adj']} {c['common']} cells and {rng.choice(VERBS)} {other} {rng.choice(FILLER)}.",
            lambda: f"Its main effect is on {zipf_choice(rng, COMMON)} {rng.choice(PROCESSES)}: it {rng.choice(VERBS)} the {c['role']} step.",
            lambda: f"The document describes how {c['rare']} levels fall {rng.choice(FILLER)}, tipping the balance toward {rng.choice(PROCESSES)}.",
            lambda: f"Hormones such as {other} adjust how strongly it acts on {zipf_choice(rng, COMMON)} {c['role']}.",
            lambda: f"In {rng.choice(WHO)}, the {c['adj']} {c['common']} {c['role']} is the part that changes most.",
        ],
        "academic": [
            lambda: f"At the molecular level, {c['rare']} is encoded by {c['symbol'].upper()} and signals through a {c['adj']} {c['role']}.",
            lambda: f"Binding of {c['rare']} to its partner {other} recruits {rng.choice(ADJECTIVES)} adaptor proteins and {rng.choice(VERBS)} transcription.",
            lambda: f"{c['rare2'].capitalize()} acts as a {rng.choice(ROLES)} that modulates the {c['symbol'].upper()} promoter {rng.choice(FILLER)}.",
            lambda: f"The document cites studies in which loss of {c['symbol'].upper()} {rng.choice(VERBS)} {rng.choice(ADJECTIVES)} {zipf_choice(rng, COMMON)} {rng.choice(PROCESSES)}.",
            lambda: f"Genomic and non-genomic effects of {c['rare']} converge on the {c['adj']} {zipf_choice(rng, COMMON)} {rng.choice(ROLES)}.",
            lambda: f"Crosstalk with {other} shapes {rng.choice(ADJECTIVES)} {c['common']} {rng.choice(PROCESSES)} {rng.choice(FILLER)}.",
        ],
    }[level]
    return rng.choice(parts)()


def _explanations(rng: random.Random, c: dict, by_id: dict) -> dict[str, str]:
    counts = {"fundamentals": (2, 4), "intermediate": (3, 6), "academic": (4, 8)}
    return {level: " ".join(_sentence(rng, c, by_id, level) for _ in range(rng.randint(lo, hi)))
            for level, (lo, hi) in counts.items()}


def _write_files(concepts: list[dict], folder: Path) -> None:
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    files = max(3, -(-len(concepts) // CONCEPTS_PER_FILE))
    for i in range(files):
        part = concepts[i::files]
        entries = [{
            "id": c["id"], "title": c["title"], "section": c["section"], "heading": c["heading"], "plural": c["plural"],
            "aliases": c["aliases"], "examples": c["examples"], "explain": c["explain"], "related": c["related"],
            "relations": c["relations"],
        } for c in part]
        with open(folder / f"concepts-{i:03d}.yaml", "w", encoding="utf-8") as handle:
            yaml.dump({"concepts": entries}, handle, Dumper=dumper, sort_keys=False, width=110, allow_unicode=True)
    tiers = {"intermediate": sorted({f"{c['adj']} {c['common']} {c['role']}" for c in concepts[::3]}),
             "academic": sorted({c["symbol"] for c in concepts})}
    with open(folder / "vocabulary.yaml", "w", encoding="utf-8") as handle:
        yaml.dump({"vocabulary": tiers, "synonyms": {"skeleton": "bone", "osseous": "bone", "hormonal": "hormone"}},
                  handle, Dumper=dumper, sort_keys=False)


# --- generated questions ----------------------------------------------------------------------------

PARAPHRASES = [
    "could you tell me about {name}", "what role does {name} play in {common}", "{name} explained",
    "how does {name} work", "what is the purpose of {name} in the {common}", "what exactly is {name}",
    "why does {name} matter for {common} {process}", "i read about {name}, what is it",
    "{name} in the {common}", "what does {name} do to {common} {process}",
]


def typo(rng: random.Random, word: str) -> str:
    """One edit (two for long words) that is not the word itself."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    for _ in range(20):
        w = list(word)
        for _ in range(2 if len(word) >= 11 and rng.random() < 0.3 else 1):
            i = rng.randrange(1, len(w) - 1)
            op = rng.choice(["sub", "del", "swap", "ins"])
            if op == "sub":
                w[i] = rng.choice(letters)
            elif op == "del":
                del w[i]
            elif op == "swap":
                w[i], w[i + 1] = w[i + 1], w[i]
            else:
                w.insert(i, rng.choice(letters))
        out = "".join(w)
        if out != word:
            return out
    return word + "x"


def generate_questions(concepts: list[dict], count: int, seed: int) -> list[list[dict]]:
    """Conversations; each turn {text, kind, expect} (expect: a concept id, or None for "should decline")."""
    rng = random.Random(seed + 1)
    by_id = {c["id"]: c for c in concepts}
    fresh = Vocabulary(random.Random(seed + 2))
    fresh.used |= {c["rare"] for c in concepts} | {c["rare2"] for c in concepts}
    convs: list[list[dict]] = []
    turns = 0
    while turns < count:
        c = rng.choice(concepts)
        roll = rng.random()
        if roll < 0.40:  # a paraphrase of the examples: a new template, or an example with a word dropped and one added
            if rng.random() < 0.6:
                text = _fill(rng, rng.choice(PARAPHRASES), c, by_id)
            else:
                ws = rng.choice(c["examples"]).rstrip("?").split()
                named = set(" ".join([c["title"], *c["aliases"], c["rare"], c["symbol"]]).lower().split())
                droppable = [i for i, w in enumerate(ws) if i and w not in named]
                if len(ws) > 3 and droppable:
                    del ws[rng.choice(droppable)]
                text = " ".join(ws + [rng.choice(["exactly", "in the body", "please", "again", "in simple terms"])])
            conv = [{"text": text, "kind": "paraphrase", "expect": c["id"]}]
            if rng.random() < 0.25:
                conv.append({"text": rng.choice(["more detail", "tell me more", "why?", "simpler"]), "kind": "follow-up",
                             "expect": c["id"]})
        elif roll < 0.65:  # a typo in the concept's rare term
            text = _fill(rng, rng.choice(PARAPHRASES + EXAMPLE_TEMPLATES[:6]), c, by_id)
            target = c["rare"] if c["rare"] in text else None
            if target is None:
                text = f"what does {c['rare']} do in {c['common']} {rng.choice(PROCESSES)}"
                target = c["rare"]
            conv = [{"text": text.replace(target, typo(rng, target), 1), "kind": "typo", "expect": c["id"]}]
        elif roll < 0.90:  # out of scope: off-topic, or a made-up term the pack does not have
            if rng.random() < 0.5:
                text = rng.choice(OUT_OF_SCOPE)
            else:
                text = rng.choice(["what is {w}", "how does {w} affect {common}", "tell me about {w} deficiency",
                                   "{w} and {common} {process}"]).format(w=fresh.rare(), common=zipf_choice(rng, COMMON),
                                                                         process=rng.choice(PROCESSES))
            conv = [{"text": text, "kind": "out-of-scope", "expect": None}]
        else:  # a relation question, "what blocks RANKL?"
            rel = next((f for f in c["relations"] if f[1] in RELATION_VERBS), None)
            if rel is None:
                continue
            target = by_id[rel[2]]
            text = f"what {RELATION_VERBS[rel[1]]} {short(target).lower()}" if rel[1] != "binds" else \
                f"what does {short(target).lower()} bind to"
            conv = [{"text": text, "kind": "relation", "expect": target["id"]}]
        convs.append(conv)
        turns += len(conv)
    return convs


# --- the child: one measurement in a fresh process -----------------------------------------------------

def child(args: argparse.Namespace) -> None:
    import resource

    t0 = time.perf_counter()
    from tutor import (
        Tutor,
        packcache,
    )

    import_s = time.perf_counter() - t0
    folders = [Path(args.knowledge), Path(str(DIALOGUES))]  # exactly what Tutor.load hands to packcache.cached
    cache_before = {p: p.stat().st_mtime_ns for p in packcache.cache_dir().glob("pack-*.pickle")}
    profiler = None
    if args.profile_out:
        import cProfile

        profiler = cProfile.Profile()
    t0, c0 = time.perf_counter(), time.process_time()
    if profiler and args.profile_what == "load":
        profiler.enable()
    tutor = Tutor.load(knowledge=args.knowledge, dialogues=str(DIALOGUES))
    load_s, load_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    if profiler and args.profile_what == "load":
        profiler.disable()
    cache_after = {p: p.stat().st_mtime_ns for p in packcache.cache_dir().glob("pack-*.pickle")}
    result = {"import_s": import_s, "load_s": load_s, "load_cpu_s": load_cpu_s,
              # a hit writes no new file (reading one only marks it as recently used)
              "cache_hit": bool(cache_before) and set(cache_before) == set(cache_after) and not os.environ.get("TUTOR_NO_CACHE"),
              "rss_after_load_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
              "concepts": len(tutor.kb.concepts), "relations": len(tutor.kb.relations), "quiz_items": len(tutor.kb.quiz),
              "keys": len(tutor._matcher._keys), "spelling_vocabulary": len(tutor._matcher._vocabulary)}
    if args.turns:
        convs = json.loads(Path(args.qfile).read_text())
        for warm in ("what is the weather tomorrow", "hello", "topics please"):  # lazily imported modules, first-call costs
            tutor.respond(tutor.new_session(), warm)
        times: list[float] = []
        cpu: list[float] = []
        by_kind: dict[str, list[float]] = {}
        outcome: dict[str, list[int]] = {}
        if profiler and args.profile_what == "turns":
            profiler.enable()
        for conv in convs:
            session = tutor.new_session()
            for turn in conv:
                start, start_cpu = time.perf_counter(), 0.0 if profiler else time.process_time()
                reply = tutor.respond(session, turn["text"])
                ms = (time.perf_counter() - start) * 1000
                cpu.append(0.0 if profiler else (time.process_time() - start_cpu) * 1000)
                times.append(ms)
                by_kind.setdefault(turn["kind"], []).append(ms)
                ok = (reply.kind == "unknown") if turn["expect"] is None else \
                    (reply.kind == "answer" and (reply.concept == turn["expect"] or turn["expect"] in reply.about))
                outcome.setdefault(turn["kind"], [0, 0])[0] += ok
                outcome[turn["kind"]][1] += 1
        if profiler and args.profile_what == "turns":
            profiler.disable()
        result.update({"turns": len(times), "p50_ms": pct(times, 50), "p90_ms": pct(times, 90), "p99_ms": pct(times, 99),
                       "max_ms": max(times), "cpu_p50_ms": pct(cpu, 50), "cpu_p99_ms": pct(cpu, 99),
                       "by_kind": {k: [pct(v, 50), pct(v, 99), len(v)] for k, v in by_kind.items()}, "outcome": outcome})
    if profiler:
        profiler.dump_stats(args.profile_out)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # ru_maxrss is KiB on Linux
    if args.write_cache:
        # One cold build per size: store the pack exactly as packcache.cached() would have (same key, same pickle),
        # so the next child's load is the real second load, without paying for a second build.
        path = packcache.cache_dir() / f"pack-{packcache._fingerprint(folders)}.pickle"
        t0 = time.perf_counter()
        packcache._store(path, tutor)
        result["cache_write_s"] = time.perf_counter() - t0
        result["cache_mb"] = path.stat().st_size / 1e6 if path.exists() else None
    print("RESULT " + json.dumps(result))


def pct(values: list[float], p: float) -> float:
    """The one percentile definition of the evaluator and every benchmark (tutor.evaluation.percentile)."""
    from tutor.evaluation import percentile

    return percentile(sorted(values), p)


# --- the parent --------------------------------------------------------------------------------------

def run_child(knowledge: Path, questions: Path, env_extra: dict[str, str], turns: bool, timeout: float,
              profile_out: Path | None = None, profile_what: str = "", write_cache: bool = False) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("TUTOR_NO_CACHE", "XDG_CACHE_HOME")}
    env.update(env_extra)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--knowledge", str(knowledge), "--qfile", str(questions)]
    if turns:
        cmd.append("--turns")
    if write_cache:
        cmd.append("--write-cache")
    if profile_out:
        cmd += ["--profile-out", str(profile_out), "--profile-what", profile_what]
    wall = time.perf_counter()
    try:
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    wall = time.perf_counter() - wall
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if proc.returncode != 0 or line is None:
        return {"error": (proc.stderr.strip().splitlines() or ["no output"])[-1][:300]}
    result = json.loads(line[len("RESULT "):])
    result["wall_s"] = wall
    return result


def fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def print_profile(path: Path, title: str, limit: int = 16) -> None:
    import pstats

    stats = pstats.Stats(str(path))
    total = stats.total_tt
    ours = {p.name for p in (ROOT / "tutor").glob("*.py")}
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():
        name = f"{Path(file).parent.name}/{Path(file).name}:{line}({func})" if line else func
        rows.append((tt, ct, nc, name, Path(file).name in ours and Path(file).parent.name == "tutor"))
    print(f"\n{title}: {total:.2f} s profiled (with cProfile overhead)")
    print(f"  {'own s':>7} {'own %':>6} {'cum s':>7} {'cum %':>6} {'calls':>10}  function   [by own time]")
    for tt, ct, nc, name, _ in sorted(rows, reverse=True)[:limit]:
        print(f"  {tt:7.2f} {100 * tt / total:5.1f}% {ct:7.2f} {100 * ct / total:5.1f}% {nc:10d}  {name}")
    print(f"  {'':>7} {'':>6} {'':>7} {'':>6} {'':>10}  [tutor/ functions by cumulative time]")
    for tt, ct, nc, name, _ in sorted((r for r in rows if r[4]), key=lambda r: -r[1])[:limit]:
        print(f"  {tt:7.2f} {100 * tt / total:5.1f}% {ct:7.2f} {100 * ct / total:5.1f}% {nc:10d}  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--questions", type=int, default=500, help="turns per size (default 500)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", help="write the packs here and keep them (default: a temporary folder, removed)")
    parser.add_argument("--profile", choices=["none", "turns", "load", "both"], default="none",
                        help="cProfile the largest size: its turns (from the warm cache) and/or its cold load (slow)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per child process (default 900)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--knowledge", help=argparse.SUPPRESS)
    parser.add_argument("--turns", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--qfile", help=argparse.SUPPRESS)
    parser.add_argument("--write-cache", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", help=argparse.SUPPRESS)
    parser.add_argument("--profile-what", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    sys.path.insert(0, str(ROOT))
    sizes = [int(s) for s in args.sizes.split(",")]
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="tutor-bench-scale-"))
    base.mkdir(parents=True, exist_ok=True)
    rows = []
    started = time.perf_counter()
    try:
        for n in sizes:
            t_size = time.perf_counter()
            folder = base / f"pack-{n}"
            shutil.rmtree(folder, ignore_errors=True)
            concepts = generate_pack(n, folder, args.seed)
            convs = generate_questions(concepts, args.questions, args.seed)
            qfile = folder / "questions.json"
            qfile.write_text(json.dumps(convs))
            knowledge = folder / "knowledge"
            size_mb = sum(p.stat().st_size for p in knowledge.glob("*.yaml")) / 1e6
            files = len(list(knowledge.glob("*.yaml")))
            print(f"[{n:,}] generated {files} YAML files, {size_mb:.1f} MB, {sum(map(len, convs))} turns "
                  f"in {time.perf_counter() - t_size:.1f} s", flush=True)
            cache = {"XDG_CACHE_HOME": str(folder / "xdg-cache")}
            cold = run_child(knowledge, qfile, {"TUTOR_NO_CACHE": "1", **cache}, True, args.timeout, write_cache=True)
            print(f"[{n:,}] cold (TUTOR_NO_CACHE=1): {summary(cold)}", flush=True)
            warm = run_child(knowledge, qfile, cache, True, args.timeout)
            print(f"[{n:,}] warm (second load, cache on): {summary(warm)}", flush=True)
            print(f"[{n:,}] size done in {time.perf_counter() - t_size:.0f} s", flush=True)
            rows.append((n, files, size_mb, cold, warm))
        print(f"\nall sizes: {time.perf_counter() - started:.0f} s wall")
        print_table(rows)
        n = sizes[-1]
        folder = base / f"pack-{n}"
        for what in [w for w in ("turns", "load") if args.profile in (w, "both")]:
            out = folder / f"profile-{what}.pstats"
            env = {"XDG_CACHE_HOME": str(folder / "xdg-cache")}
            if what == "load":
                env["TUTOR_NO_CACHE"] = "1"
            res = run_child(folder / "knowledge", folder / "questions.json", env, what == "turns", args.timeout * 2, out, what)
            if "error" in res:
                print(f"profile of {what} failed: {res['error']}")
                continue
            label = "cold load (TUTOR_NO_CACHE=1)" if what == "load" else f"{res['turns']} turns (tutor from the warm cache)"
            print_profile(out, f"cProfile, {n:,} concepts, {label}")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


def summary(r: dict) -> str:
    if "error" in r:
        return f"ERROR {r['error']}"
    text = (f"load {r['load_s']:.2f} s wall / {r['load_cpu_s']:.2f} s CPU (import tutor {r['import_s']:.2f} s)"
            f"{', from the cache' if r.get('cache_hit') else ''}, peak RSS {r['peak_rss_mb']:.0f} MB")
    if "p50_ms" in r:
        text += (f", per turn p50 {r['p50_ms']:.2f} ms p99 {r['p99_ms']:.2f} ms (CPU p50 {r['cpu_p50_ms']:.2f} "
                 f"p99 {r['cpu_p99_ms']:.2f}) over {r['turns']} turns")
    if "cache_write_s" in r:
        text += f"; cache written in {r['cache_write_s']:.2f} s ({r['cache_mb'] or 0:.1f} MB)"
    if "keys" in r:
        text += (f"; {r['relations']:,} relations, {r['quiz_items']:,} quiz items, {r['keys']:,} matcher keys, "
                 f"{r['spelling_vocabulary']:,} spelling words")
    return text


def print_table(rows: list) -> None:
    print()
    head = ("concepts", "YAML", "load, parsing the YAML", "load, from the compiled cache", "per turn p50", "per turn p99",
            "per turn p50 / p99 (cold child)",
            "peak RSS cold", "peak RSS warm")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---:"] * len(head)) + "|")
    for n, files, size_mb, cold, warm in rows:
        def ms(r: dict, k: str) -> str:
            return f"{r[k]:.2f} ms" if k in r else "-"

        def sec(r: dict) -> str:
            return f"{r['load_s']:.2f} s" if "load_s" in r else r.get("error", "-")

        cells = [f"{n:,}", f"{files} files, {size_mb:.1f} MB", sec(cold),
                 sec(warm) + ("" if warm.get("cache_hit") or "error" in warm else " (NOT from cache)"),
                 ms(warm, "p50_ms"), ms(warm, "p99_ms"), f"{ms(cold, 'p50_ms')} / {ms(cold, 'p99_ms')}",
                 f"{cold['peak_rss_mb']:.0f} MB" if "peak_rss_mb" in cold else "-",
                 f"{warm['peak_rss_mb']:.0f} MB" if "peak_rss_mb" in warm else "-"]
        print("| " + " | ".join(cells) + " |")
    print("\nLoads are in-process Tutor.load(...) wall time, excluding `import tutor`; cold: TUTOR_NO_CACHE=1; warm: the "
          "second load, from the compiled cache under a temporary XDG_CACHE_HOME. Turns: in-process, one fresh session per "
          "conversation, timed in the warm child (cold child alongside). Peak RSS: ru_maxrss of each child (load + turns).")
    print("\nper kind (warm child): p50 / p99 ms, and outcome (the intended concept, or declined when out of scope)")
    for n, _files, _mb, _cold, warm in rows:
        if "by_kind" in warm:
            parts = [f"{kind} {p50:.2f}/{p99:.2f} ms, {warm['outcome'][kind][0]}/{warm['outcome'][kind][1]} right"
                     for kind, (p50, p99, _count) in sorted(warm["by_kind"].items())]
            print(f"  {n:>6,}: " + "; ".join(parts))
    print("\ntargets (reported, not asserted):")
    for n, _files, _mb, cold, warm in rows:
        if n < 10000:
            continue
        p50 = warm.get("p50_ms", cold.get("p50_ms"))
        loads = [r["load_s"] for r in (cold, warm) if "load_s" in r]
        load = min(loads) if loads else None
        print(f"  {n:,} concepts: p50 {fmt(p50, '.2f')} ms, target < {TARGET_P50_MS:.0f} ms: "
              f"{'met' if p50 is not None and p50 < TARGET_P50_MS else 'MISSED'}")
        print(f"  {n:,} concepts: load {fmt(load, '.2f')} s (best of cold and warm), target < {TARGET_LOAD_S:.0f} s: "
              f"{'met' if load is not None and load < TARGET_LOAD_S else 'MISSED'}"
              f"; cold load {fmt(cold.get('load_s'), '.1f')} s")
    valid = [(r[0], r[4]["p50_ms"], r[4]["cpu_p50_ms"]) for r in rows if "p50_ms" in r[4]]
    for (n1, a, ca), (n2, b, cb) in itertools.pairwise(valid):
        print(f"  per-turn growth {n1:,} -> {n2:,} concepts ({n2 / n1:.0f}x the pack): p50 {b / a:.1f}x wall, {cb / ca:.1f}x CPU "
              f"(well below linear would be far under {n2 / n1:.0f}x)")
    valid = [(r[0], r[3]["load_s"]) for r in rows if "load_s" in r[3]]
    for (n1, a), (n2, b) in itertools.pairwise(valid):
        print(f"  cold-load growth {n1:,} -> {n2:,} concepts ({n2 / n1:.0f}x the pack): {b / a:.1f}x")


if __name__ == "__main__":
    main()
