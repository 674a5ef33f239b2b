"""Builds a KnowledgeBase from a folder of YAML files, reporting every problem in one pass."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

from .checks import Checker
from .errors import ContentError, Problem
from .glossary import parse_analogies, parse_glossary, resolve_glossary
from .model import HEDGE_MARK, LAYOUT_RELATIONS, LEVELS, STRONG_MARK, RELATION_NAMES, SECTIONS, Analogy, Concept, KnowledgeBase, LessonPath, OutOfScopeTopic, QuizItem, Relation
from .normalise import check_fold, fold, pack_folds, stem
from .quizitems import check_items, generate_items, parse_items
from .yamlsource import line_of, load_yaml_file, pack_files

__all__ = ["load_knowledge", "check_knowledge"]

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_CONCEPT_FIELDS = {"id", "title", "full_name", "section", "heading", "plural", "parent", "aliases", "examples", "explain", "related", "relations"}
_TOP_KEYS = {"concepts", "vocabulary", "synonyms", "out_of_scope", "quiz", "confusables", "relations", "kinds", "discusses",
             "outline", "folds", "starters", "audiences", "analogies", "glossary", "lessons"}
MIN_EXAMPLES = 5


def load_knowledge(directory: Path) -> KnowledgeBase:
    """Load a knowledge pack; raise ContentError listing every problem if it has any."""
    kb, problems = check_knowledge(directory)
    if problems:
        raise ContentError(problems)
    return kb


def check_knowledge(directory: Path) -> tuple[KnowledgeBase, list[Problem]]:
    """Load what can be loaded and return it with all the problems found."""
    files, problems = pack_files(Path(directory), "knowledge")
    if problems:
        return KnowledgeBase({}, ()), problems
    builder = _Builder()
    loaded = [(path, *load_yaml_file(path)) for path in files]
    for path, data, _ in loaded:  # the pack's folds first: every other text is folded with them
        if isinstance(data, dict) and "folds" in data:
            builder.add_folds(Checker(str(path), builder.problems), data["folds"], line_of(data, 1))
    with pack_folds(builder.folds):
        for path, data, problems in loaded:
            builder.add_data(path, data, problems)
        return builder.finish(str(directory))


class _Builder:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.concepts: dict[str, Concept] = {}
        self.raw_relations: list[tuple[Checker, int, Any]] = []
        self.vocabulary: dict[str, str] = {}
        self.vocabulary_at: dict[str, tuple[str, int]] = {}  # term -> (file, line), for lint findings
        self.synonyms: dict[str, str] = {}
        self.out_of_scope: list[OutOfScopeTopic] = []
        self.quiz: list[QuizItem] = []
        self.confusables: set[frozenset[str]] = set()
        self.lines: dict[str, dict[str, int]] = {}  # concept id -> field -> line, for problems found later
        self.alias_lines: dict[tuple[str, str], int] = {}
        self.kinds: dict[str, tuple[str, Checker, int]] = {}  # concept id -> (kind, where declared)
        self.discusses: dict[str, tuple[frozenset[str], Checker, int]] = {}
        self.outline: list[str] = []
        # Files that could not be read at all (a YAML syntax error, not UTF-8, too big): a reference to an unknown
        # concept may then name one defined there, so such references are counted, not reported one by one.
        self.unreadable: list[Problem] = []
        self.unchecked = 0
        self.outline_at: tuple[Checker, int] | None = None
        self.analogies: list[tuple[Analogy, Checker]] = []
        self.glossary_raw: list = []
        self.lessons: list[tuple[LessonPath, Checker]] = []
        self.folds: tuple[tuple[str, str], ...] = ()
        self.starters: list[tuple[str, Checker, int]] = []
        self.audiences: dict[str, tuple[str, ...]] = {}
        self.singled_out: tuple[str, ...] = ()

    def add_data(self, path: Path, data: Any, problems: list[Problem]) -> None:
        self.problems.extend(problems)
        if data is None and problems:
            self.unreadable.append(problems[0])
            return
        check = Checker(str(path), self.problems)
        top = check.mapping(data, "a knowledge file", 1)
        check.unknown_keys(top, _TOP_KEYS, "a knowledge file")
        if top and not (_TOP_KEYS & set(top)):
            check.report(line_of(top, 1), f"a knowledge file needs a top-level key: one of {', '.join(sorted(_TOP_KEYS))}")
        handlers: dict[str, Callable[[Checker, Any, int], None]] = {
            "concepts": self._add_concepts, "vocabulary": self._add_vocabulary, "synonyms": self._add_synonyms,
            "confusables": self._add_confusables, "quiz": self._add_quiz, "out_of_scope": self._add_out_of_scope,
            "relations": lambda check, value, line: self._collect_relations(check, top, "the file's 'relations'"),
            "starters": self._add_starters, "audiences": self._add_audiences, "kinds": self._add_kinds,
            "discusses": self._add_discusses, "analogies": self._add_analogies, "glossary": self._add_glossary,
            "lessons": self._add_lessons,
            "outline": lambda check, value, line: self._add_outline(check, top),
        }  # "folds" were read before any file (see check_knowledge)
        for key, handler in handlers.items():
            if key in top:
                handler(check, top[key], check.key_line(top, key))

    def _add_quiz(self, check: Checker, value: Any, line: int) -> None:
        self.quiz.extend(parse_items(check, value, line))

    def _add_starters(self, check: Checker, value: Any, line: int) -> None:
        """Concepts to suggest when a question matches nothing."""
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            check.report(line, "'starters' must be a list of concept ids")
            return
        self.starters += [(cid, check, line) for cid in value]

    def _add_outline(self, check: Checker, top: dict) -> None:
        line = check.key_line(top, "outline")
        if self.outline_at is not None:
            first, first_line = self.outline_at
            check.report(line, f"'outline' is declared twice (first at {first.source}:{first_line})")
            return
        self.outline_at = (check, line)
        self.outline = check.text_list(top, "outline", "'outline'")

    def _add_analogies(self, check: Checker, value: Any, line: int) -> None:
        """Everyday examples or analogies per concept and depth (tutor/glossary.py)."""
        self.analogies += [(a, check) for a in parse_analogies(check, value, line)]

    def _add_glossary(self, check: Checker, value: Any, line: int) -> None:
        """One-line definitions of concepts and terms (tutor/glossary.py)."""
        self.glossary_raw += parse_glossary(check, value, line)

    def _add_lessons(self, check: Checker, value: Any, line: int) -> None:
        """`lessons:` declared paths, each `{id, title, concepts: [ids in teaching order]}`."""
        for entry in check.entries(value, line, "lessons"):
            lid = check.text(entry, "id", "a lesson")
            check.unknown_keys(entry, {"id", "title", "concepts"}, f"lesson '{lid}'")
            path = LessonPath(lid, check.text(entry, "title", f"lesson '{lid}'", required=False) or lid,
                              tuple(check.text_list(entry, "concepts", f"lesson '{lid}'", minimum=1)), check.source, line_of(entry, line))
            self.lessons.append((path, check))

    def _add_kinds(self, check: Checker, value: Any, line: int) -> None:
        for kind, ids in check.mapping(value, "'kinds'", line).items():
            at = check.key_line(value, kind)
            for cid in check.text_list(value, kind, f"kind '{kind}'"):
                if cid in self.kinds:
                    check.report(at, f"kind '{kind}': concept '{cid}' already has the kind '{self.kinds[cid][0]}'")
                self.kinds[cid] = (str(kind), check, at)

    def _add_discusses(self, check: Checker, value: Any, line: int) -> None:
        for cid in check.mapping(value, "'discusses'", line):
            at = check.key_line(value, cid)
            self.discusses[str(cid)] = (frozenset(check.text_list(value, cid, f"discusses '{cid}'")), check, at)

    def _add_concepts(self, check: Checker, entries: Any, line: int) -> None:
        if not isinstance(entries, list):
            check.report(line, "'concepts' must be a list of concept entries")
            return
        for entry, entry_line in zip(entries, getattr(entries, "item_lines", [line] * len(entries))):
            concept = self._concept(check, entry, entry_line)
            if concept is None:
                continue
            if concept.id in self.concepts:
                first = self.concepts[concept.id]
                check.report(concept.line, f"duplicate concept id '{concept.id}' (first defined at {first.source}:{first.line})")
                continue
            self.concepts[concept.id] = concept

    def _concept(self, check: Checker, entry: Any, line: int) -> Concept | None:
        if not isinstance(entry, dict):
            check.report(line_of(entry, line), "each concept must be a mapping with an 'id'")
            return None
        cid = check.text(entry, "id", "a concept")
        what = f"concept '{cid}'" if cid else "a concept"
        if cid and not _ID.match(cid):
            check.report(check.key_line(entry, "id"), f"{what}: id must be lowercase letters, digits and hyphens")
        check.unknown_keys(entry, _CONCEPT_FIELDS, what)
        section = check.text(entry, "section", what)
        if section and section not in SECTIONS:
            check.report(check.key_line(entry, "section"), f"{what}: section '{section}' is not one of {', '.join(SECTIONS)}")
        plural = entry.get("plural", False)
        if not isinstance(plural, bool):
            check.report(check.key_line(entry, "plural"), f"{what}: 'plural' must be true or false")
        self._collect_relations(check, entry, what)
        self.lines[cid] = {key: check.key_line(entry, key) for key in ("related", "aliases")}
        aliases = entry.get("aliases")
        if isinstance(aliases, list):
            self.alias_lines.update({(cid, str(a)): ln for a, ln in zip(aliases, getattr(aliases, "item_lines", []))})
        concept = Concept(
            id=cid,
            title=check.text(entry, "title", what),
            full_name=check.text(entry, "full_name", what, required=False),
            section=section,
            heading=check.text(entry, "heading", what, required=False),
            parent=check.text(entry, "parent", what, required=False),
            plural=plural is True,
            aliases=tuple(check.text_list(entry, "aliases", what)),
            examples=tuple(check.text_list(entry, "examples", what, minimum=MIN_EXAMPLES)),
            related=tuple(check.text_list(entry, "related", what)),
            explain=self._explanations(check, entry, what),
            source=check.source,
            line=line_of(entry, line),
        )
        return concept if cid else None

    def _collect_relations(self, check: Checker, entry: dict, what: str) -> None:
        value = entry.get("relations", [])
        line = check.key_line(entry, "relations")
        if value is None:
            return
        if not isinstance(value, list) or (value and all(isinstance(item, str) for item in value)):
            check.report(line, f"{what}: 'relations' must be a list of [subject, relation, object] facts")
            return
        for item, item_line in zip(value, getattr(value, "item_lines", [line] * len(value))):
            self.raw_relations.append((check, item_line, item))

    def _explanations(self, check: Checker, entry: dict, what: str) -> dict[str, str]:
        line = check.key_line(entry, "explain")
        if "explain" not in entry:
            check.report(line_of(entry, line), f"{what}: missing 'explain' (one text per depth: {', '.join(LEVELS)})")
            return {}
        explain = check.mapping(entry["explain"], f"{what}: 'explain'", line)
        check.unknown_keys(explain, set(LEVELS), f"{what}: explain")
        texts = {}
        for level in LEVELS:
            if level not in explain:
                check.report(line, f"{what}: explain has no '{level}' depth")
            else:
                texts[level] = check.text(explain, level, f"{what}: explain")
        return texts

    def _add_vocabulary(self, check: Checker, value: Any, line: int) -> None:
        tiers = check.mapping(value, "'vocabulary'", line)
        check.unknown_keys(tiers, set(LEVELS), "vocabulary")
        for level in tiers:
            if level in LEVELS:
                raw = tiers[level]
                lines = dict(zip(raw, getattr(raw, "item_lines", []))) if isinstance(raw, list) else {}
                for term in check.text_list(tiers, level, f"vocabulary '{level}'"):
                    self.vocabulary[fold(term)] = level
                    self.vocabulary_at[fold(term)] = (check.source, lines.get(term, check.key_line(tiers, level)))

    def _add_synonyms(self, check: Checker, value: Any, line: int) -> None:
        mapping = check.mapping(value, "'synonyms'", line)
        for word in mapping:
            target = check.text(mapping, word, f"synonym '{word}'")
            if target:
                self.synonyms[str(word).lower()] = target.lower()

    def _add_confusables(self, check: Checker, value: Any, line: int) -> None:
        if not isinstance(value, list) or not all(isinstance(p, list) and len(p) == 2 and all(isinstance(w, str) for w in p)
                                                  for p in value):
            check.report(line, "'confusables' must be a list of [word, word] pairs")
            return
        self.confusables.update(frozenset(stem(fold(w)) for w in pair) for pair in value)

    def add_folds(self, check: Checker, value: Any, line: int) -> None:
        """The pack's spelling folds: [pattern, replacement] pairs, applied in order."""
        if not isinstance(value, list):
            check.report(line, "'folds' must be a list of [pattern, replacement] pairs")
            return
        for index, pair in enumerate(value):
            at = value.item_lines[index] if hasattr(value, "item_lines") else line
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
                check.report(at, "a fold must be a [pattern, replacement] pair of texts")
                continue
            wrong = check_fold(*pair)
            if wrong:
                check.report(at, f"fold {pair[0]!r}: {wrong}")
                continue
            self.folds += ((pair[0], pair[1]),)

    def _add_audiences(self, check: Checker, value: Any, line: int) -> None:
        """Words that say a sentence is about men or about women."""
        audiences = check.mapping(value, "'audiences'", line)
        check.unknown_keys(audiences, {"men", "women", "singled-out"}, "'audiences'")
        for who in ("men", "women"):
            if who in audiences:
                self.audiences[who] = tuple(fold(w) for w in check.text_list(audiences, who, f"audiences '{who}'", minimum=1))
        if "singled-out" in audiences:
            self.singled_out = tuple(fold(w) for w in check.text_list(audiences, "singled-out", "audiences 'singled-out'"))

    def _add_out_of_scope(self, check: Checker, value: Any, line: int) -> None:
        for entry in check.entries(value, line, "out_of_scope"):
            name = check.text(entry, "name", "an out-of-scope topic")
            what = f"out-of-scope topic '{name}'"
            check.unknown_keys(entry, {"name", "patterns"}, what)
            self.out_of_scope.append(OutOfScopeTopic(name, check.patterns(entry, what), check.source, line_of(entry, line)))

    def finish(self, directory: str) -> tuple[KnowledgeBase, list[Problem]]:
        if not self.concepts and not self.problems:
            self.problems.append(Problem(directory, 1, "the pack defines no concepts"))
        self._check_related()
        relations = self._relations()
        self._check_alias_collisions()
        self._check_named_concepts()
        self._check_outline()
        check_items(self.quiz, self.concepts, self.problems, self._dangling)
        analogies, glossary = self._analogies(), resolve_glossary(self.glossary_raw, self.concepts, self._dangling)
        self._check_lessons()
        self._say_unchecked()
        kinds = {cid: kind for cid, (kind, _, _) in self.kinds.items()}
        relations, finer = _facts_and_layout(relations)
        generated = generate_items(self.concepts, tuple(relations), kinds) if not self.problems else []
        kb = KnowledgeBase(dict(self.concepts), tuple(relations), dict(self.vocabulary), dict(self.synonyms),
                           tuple(self.out_of_scope), tuple(self.quiz) + tuple(generated), frozenset(self.confusables),
                           {cid: kind for cid, (kind, _, _) in self.kinds.items()},
                           {cid: aspects for cid, (aspects, _, _) in self.discusses.items()},
                           analogies, glossary, tuple(path for path, _ in self.lessons), dict(self.vocabulary_at),
                           self.folds, tuple(cid for cid, _, _ in self.starters), dict(self.audiences), tuple(self.outline),
                           self.singled_out, finer)
        return kb, self.problems

    def _check_named_concepts(self) -> None:
        """The starters, kinds and aspects discussed name concepts the pack defines."""
        for cid, check, at in self.starters:
            if cid not in self.concepts:
                self._dangling(Problem(check.source, at, f"starters: '{cid}' is not a concept"))
        for table in (self.kinds, self.discusses):
            for cid, (_, check, at) in table.items():
                if cid not in self.concepts:
                    self._dangling(Problem(check.source, at, f"'{cid}' is not a concept"))

    def _dangling(self, problem: Problem) -> None:
        """A reference to an id no concept has: reported, unless an unreadable file may define it (then counted)."""
        if self.unreadable:
            self.unchecked += 1
        else:
            self.problems.append(problem)

    def _say_unchecked(self) -> None:
        """One line, right after the unreadable file's own problem, for all the references it left unchecked."""
        if not self.unchecked:
            return
        first = self.unreadable[0]
        cause = "this file could not be read" if len(self.unreadable) == 1 else \
            f"this file and {len(self.unreadable) - 1} more could not be read"
        plural = "s" if self.unchecked != 1 else ""
        summary = Problem(first.path, first.line, f"{self.unchecked} reference{plural} to concepts could not be checked because "
                          f"{cause} (they may name concepts defined in it); fix it and validate again")
        self.problems.insert(self.problems.index(first) + 1, summary)

    def _check_outline(self) -> None:
        """With an outline, every concept's heading must be one of its headings (else the order would guess)."""
        if self.outline_at is None:
            return
        for concept in self.concepts.values():
            if concept.heading and concept.heading not in self.outline:
                self.problems.append(Problem(concept.source, concept.line, f"concept '{concept.id}': heading "
                                             f"'{concept.heading}' is not in the outline ({self.outline_at[0].source})"))

    def _check_lessons(self) -> None:
        for path, check in self.lessons:
            for cid in path.concepts:
                if cid not in self.concepts:
                    self._dangling(Problem(check.source, path.line, f"lesson '{path.id}': '{cid}' is not a concept"))

    def _analogies(self) -> dict[str, dict[str, Analogy]]:
        table: dict[str, dict[str, Analogy]] = {}
        for analogy, check in self.analogies:
            if analogy.concept not in self.concepts:
                self._dangling(Problem(check.source, analogy.line, f"analogies: '{analogy.concept}' is not a concept"))
            elif analogy.level in table.get(analogy.concept, {}):
                check.report(analogy.line, f"analogies: '{analogy.concept}' has two at {analogy.level} depth")
            else:
                table.setdefault(analogy.concept, {})[analogy.level] = analogy
        return table

    def _check_related(self) -> None:
        for concept in self.concepts.values():
            parent = self.concepts.get(concept.parent)
            if concept.parent and (parent is None or parent.parent or parent.id == concept.id):
                problem = Problem(concept.source, concept.line, f"concept '{concept.id}': parent '{concept.parent}' is not a top-level concept")
                if parent is None:
                    self._dangling(problem)
                else:
                    self.problems.append(problem)
            line = self.lines.get(concept.id, {}).get("related", concept.line)
            for rid in concept.related:
                if rid == concept.id:
                    self.problems.append(Problem(concept.source, line, f"concept '{concept.id}': lists itself as related"))
                elif rid not in self.concepts:
                    self._dangling(Problem(concept.source, line, f"concept '{concept.id}': related id '{rid}' is not a concept"))

    def _relations(self) -> list[Relation]:
        relations: list[Relation] = []
        seen: set[tuple[str, str, str]] = set()
        for check, line, item in self.raw_relations:
            shape = _relation_shape_problem(item)
            if shape:
                check.report(line, shape)
                continue
            subject, name, obj = item[:3]
            if name not in RELATION_NAMES:
                check.report(line, f"unknown relation '{name}' (known: {', '.join(RELATION_NAMES)})")
                continue
            missing = [x for x in (subject, obj) if x not in self.concepts]
            if missing:
                self._dangling(Problem(check.source, line, f"relation [{subject}, {name}, {obj}] names no concept '{missing[0]}'"))
                continue
            if (subject, name, obj) in seen:
                check.report(line, f"relation [{subject}, {name}, {obj}] is written twice")
                continue
            seen.add((subject, name, obj))
            mark = item[3] if len(item) == 4 else ""
            relations.append(Relation(subject, name, obj, check.source, line, hedged=mark == HEDGE_MARK,
                                      strong=mark == STRONG_MARK))
        return relations

    def _check_alias_collisions(self) -> None:
        from .normalise import canonical_phrase

        owner: dict[str, Concept] = {}
        for concept in self.concepts.values():
            for alias in (concept.title, *concept.aliases):
                name = canonical_phrase(alias)
                other = owner.get(name)
                if other is not None and other.id != concept.id and name:
                    line = self.alias_lines.get((concept.id, alias), concept.line)
                    self.problems.append(Problem(
                        concept.source, line,
                        f"concept '{concept.id}': name '{alias}' is also a name of '{other.id}' ({other.source}:{other.line})",
                    ))
                owner.setdefault(name, concept)


def _relation_shape_problem(item: Any) -> str:
    """What is wrong with a fact's shape ([subject, relation, object], perhaps `may` or `strongly` fourth), or ""."""
    if not (isinstance(item, list) and len(item) in (3, 4) and all(isinstance(x, str) and x for x in item)):
        return ("a relation must be [subject, relation, object], three concept ids and a relation name"
                f" (a fourth item '{HEDGE_MARK}' marks what the document only says may be so, '{STRONG_MARK}' what it"
                " says holds strongly)")
    if len(item) == 4 and item[3] not in (HEDGE_MARK, STRONG_MARK):
        return (f"a relation's fourth item can only be '{HEDGE_MARK}' (the document says it may be so) or"
                f" '{STRONG_MARK}' (it says it holds strongly), not {item[3]!r}")
    return ""


def _facts_and_layout(relations: list[Relation]) -> tuple[list[Relation], dict[str, str]]:
    """The facts the tutor says, and the layout relations kept apart: what explains a concept one scale down (the
    first one the pack gives)."""
    finer = {r.subject: r.object for r in reversed(relations) if r.relation == "explained-by"}
    return [r for r in relations if r.relation not in LAYOUT_RELATIONS], finer
