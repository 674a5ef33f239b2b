"""The command line: a thin layer over the library. Library errors become friendly messages here, and only here."""
from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
import warnings
from pathlib import Path
from typing import Callable, TextIO

from . import __version__
from .errors import ContentError, Problem, TutorError
from .model import LEVELS
from .reply import Reply

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tutor",
        description="A tutor for one document: how hormones govern bone remodeling and age-related bone loss. "
                    "Educational only; not medical advice.",
        epilog="Examples:\n  tutor                       start the chat\n"
               "  tutor --profile sam --level academic\n  tutor ask \"what do osteoclasts do?\" --level intermediate",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"tutor {__version__}")
    parser.set_defaults(handler=_chat)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    ask = _command(sub, "ask", _ask, "answer one question (or one per line from stdin with '-')",
                   'tutor ask "what is OPG"\n  printf "what is OPG\\nwhat does it bind?\\n" | tutor ask - --session --json')
    ask.add_argument("question", help="the question, or '-' to read one question per line from stdin")
    ask.add_argument("--json", action="store_true", help="print each reply as one JSON object per line")
    ask.add_argument("--session", action="store_true", help="with '-': answer all lines in one shared session (follow-ups work)")

    _command(sub, "topics", _topics, "list the topics the tutor teaches, by section", "tutor topics")

    validate = _command(sub, "validate", _validate, "check a knowledge/dialogue pack and list every problem as file:line: message",
                        "tutor validate\n  tutor validate path/to/pack   (a folder with knowledge/ and dialogues/, or a knowledge folder)")
    validate.add_argument("directory", nargs="?", help="the pack to check (default: the bundled one)")

    lint = _command(sub, "lint", _lint, "report what makes a pack teach badly (beyond validation); exit 1 on findings",
                    "tutor lint\n  tutor lint path/to/pack --source path/to/source-document.txt")
    lint.add_argument("directory", nargs="?", help="the pack to lint (default: the bundled one)")
    lint.add_argument("--source", metavar="FILE", help="the source document: report runs of eight words copied from it")

    evaluate = _command(sub, "eval", _eval, "score the tutor on a question file (the form of shared/eval/dev.yaml)",
                        "tutor eval ../shared/eval/dev.yaml --json")
    evaluate.add_argument("file", help="the YAML file of questions")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument("--figures-only", action="store_true",
                          help="print the figures without the missed questions (for blind sets you must not tune on)")

    chat = _command(sub, "chat", _chat, "chat: a full terminal interface in a terminal, plain lines when piped (the default command); progress is saved after every turn",
                    "tutor chat --level academic --profile sam")
    _store_options(chat)

    quiz = _command(sub, "quiz", _quiz, "quiz yourself in the terminal (reads answers line by line when piped)",
                    "tutor quiz --topic rankl --count 3\n  tutor quiz --due")
    quiz.add_argument("--topic", metavar="TOPIC", help="a topic: its id, title or an alias, in any case (see `tutor topics`)")
    quiz.add_argument("--count", type=_count_argument, default=None, help="how many questions, 1 to 50 (default 5)")
    quiz.add_argument("--due", action="store_true", help="only what is due for review")
    _store_options(quiz)

    learn = _command(sub, "learn", _learn, "a guided lesson through the document, a section or a topic "
                     "(reads replies line by line when piped; the position is kept between runs)",
                     "tutor learn\n  tutor learn --section intermediate\n  tutor learn --topic rankl")
    learn.add_argument("--topic", metavar="ID", help="a concept id (see `tutor topics`): it, then the ideas it builds on")
    learn.add_argument("--section", choices=["fundamentals", "intermediate", "academic", "references"], help="one section")
    _store_options(learn)

    progress = _command(sub, "progress", _progress, "show mastery by section and concept, accuracy and reviews due; "
                        "--reset forgets a profile's record", "tutor progress\n  tutor progress --json\n"
                        "  tutor progress --reset --profile sam        (asks first; --yes to skip the question)")
    progress.add_argument("--json", action="store_true", help="print the report as JSON")
    progress.add_argument("--reset", action="store_true",
                          help="forget everything this profile has learned (answers, reviews, chat history), after a confirmation")
    progress.add_argument("--yes", action="store_true", help="with --reset: do not ask (needed when not in a terminal)")
    _store_options(progress)

    profiles = _command(sub, "profiles", _profiles, "list the profiles in the data folder, with their answers and last use",
                        "tutor profiles\n  tutor profiles --data-dir path/to/data")
    profiles.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                          help="where progress is kept (default: $XDG_DATA_HOME/bone-tutor)")
    serve = _command(sub, "serve", _serve, "answer bots over HTTP with JSON (see docs/http.md)",
                     "tutor serve --port 8080 --store sqlite:///learners.sqlite3\n  "
                     "curl -s localhost:8080/v1/users/alice/messages -d '{\"text\": \"what is OPG?\"}'")
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8080, help="the port (default 8080; 0 for any free port)")
    serve.add_argument("--max-body", type=int, default=None, metavar="BYTES", help="largest request body (default 16384)")
    _store_options(serve)
    _store_options(parser, top=True)
    _pack_options(parser, None)
    return parser


def _count_argument(text: str) -> int:
    """--count: a whole number from 1 to 50 (anything else is a usage error, exit 2)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 50:
        raise argparse.ArgumentTypeError(f"a quiz has 1 to 50 questions, not {value}")
    return value


def _store_options(parser: argparse.ArgumentParser, top: bool = False) -> None:
    parser.add_argument("--data-dir", metavar="DIR", default=None if top else argparse.SUPPRESS,
                        help="where progress is kept (default: $XDG_DATA_HOME/bone-tutor)")
    parser.add_argument("--profile", metavar="NAME", default="default" if top else argparse.SUPPRESS,
                        help="whose progress (default: default)")
    parser.add_argument("--store", metavar="URL", default=None if top else argparse.SUPPRESS,
                        help="keep progress in sqlite:///FILE or postgresql://... instead, under the profile's name "
                             "(default: $TUTOR_STORE, else a file per profile in the data folder)")


def _command(sub: argparse._SubParsersAction, name: str, handler: Callable, summary: str, example: str) -> argparse.ArgumentParser:
    command = sub.add_parser(name, help=summary, description=summary, epilog=f"Example:\n  {example}",
                             formatter_class=argparse.RawDescriptionHelpFormatter)
    command.set_defaults(handler=handler)
    _pack_options(command, argparse.SUPPRESS)
    return command


def _pack_options(parser: argparse.ArgumentParser, default: object) -> None:
    # On subcommands the default is SUPPRESS, so `tutor --level academic chat` keeps the value given before the command.
    parser.add_argument("--knowledge", metavar="DIR", default=default, help="another knowledge folder (default: the bundled one)")
    parser.add_argument("--dialogues", metavar="DIR", default=default, help="another dialogues folder (default: the bundled one)")
    parser.add_argument("--level", choices=LEVELS, default=default, help="the depth to explain at (default: fundamentals)")


def main(argv: list[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = stdout or sys.stdout
    try:
        return args.handler(args, stdin or sys.stdin, out)
    except ContentError as err:
        _print_problems(err.problems, sys.stderr)
        return 1
    except TutorError as err:
        print(f"tutor: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _load(args: argparse.Namespace):
    from .engine import Tutor

    return Tutor.load(knowledge=args.knowledge, dialogues=args.dialogues)


def _print_reply(reply: Reply, out: TextIO, as_json: bool) -> None:
    if as_json:
        out.write(json.dumps(reply.to_dict(), ensure_ascii=False) + "\n")
    else:
        out.write(reply.text + "\n")


def _ask(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    tutor = _load(args)
    if args.question != "-":
        _print_reply(tutor.respond(tutor.new_session(args.level or "fundamentals"), args.question), out, args.json)
        return 0
    level = args.level or "fundamentals"
    shared = tutor.new_session(level) if args.session else None
    for line in stdin:
        if not line.strip():
            continue
        session = shared or tutor.new_session(level)
        _print_reply(tutor.respond(session, line.rstrip("\n")), out, args.json)
        if not args.json:
            out.write("\n")
    return 0


def _topics(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    tutor = _load(args)
    for section in ("fundamentals", "intermediate", "academic", "references"):
        rows = [(cid, title) for cid, title, sec in tutor.concepts() if sec == section]
        if rows:
            out.write(f"{section.capitalize()}\n")
            out.writelines(f"  {cid:<34} {title}\n" for cid, title in rows)
    return 0


def _validate(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    from .dialogues import check_dialogues
    from .engine import default_paths
    from .knowledge import check_knowledge

    knowledge, dialogues = _pack_folders(args.directory, default_paths())
    problems: list[Problem] = []
    if knowledge:
        problems += check_knowledge(knowledge)[1]
    if dialogues:
        problems += check_dialogues(dialogues)[1]
    if problems:
        _print_problems(problems, out)
        return 1
    out.write(f"ok: {', '.join(str(p) for p in (knowledge, dialogues) if p)}\n")
    return 0


def _lint(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    from .engine import Tutor, default_paths
    from .lint import lint

    knowledge, dialogues = _pack_folders(args.directory, default_paths())
    tutor = Tutor.load(knowledge=knowledge or args.knowledge, dialogues=dialogues or args.dialogues)
    source = None
    if args.source:
        try:
            source = Path(args.source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise TutorError(f"cannot read the source document {args.source}: {err}") from err
    findings = lint(tutor, source)
    for finding in findings:
        out.write(f"{finding}\n")
    out.write(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}\n" if findings else "clean: no findings\n")
    return 1 if findings else 0


def _pack_folders(directory: str | None, defaults: tuple[Path, Path]) -> tuple[Path | None, Path | None]:
    if directory is None:
        return defaults
    root = Path(directory)
    if (root / "knowledge").is_dir() or (root / "dialogues").is_dir():
        return ((root / "knowledge") if (root / "knowledge").is_dir() else None,
                (root / "dialogues") if (root / "dialogues").is_dir() else None)
    return root, None


def _eval(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    from .evaluation import evaluate, load_cases, summary_lines

    tutor = _load(args)
    singles, dialogues = load_cases(Path(args.file))
    report = evaluate(tutor, singles, dialogues)
    if args.json:
        out.write(json.dumps(report.to_dict(), indent=2) + "\n")
    else:
        out.write("\n".join(summary_lines(report, show_misses=not args.figures_only)) + "\n")
    return 0


USER = "local"  # the one learner of a terminal profile


def _data_dir(args: argparse.Namespace) -> Path:
    from .store import default_data_dir

    return Path(args.data_dir) if args.data_dir else default_data_dir()


def _profile_store(args: argparse.Namespace, err: TextIO, create: bool = True):
    """The profile's store and user id. A file per profile holds one learner (USER); a store named by --store or
    $TUTOR_STORE holds each profile as a user. A profile that does not exist yet is announced when created (a typo
    in --profile shows), or refused when `create` is False (nothing to show or forget)."""
    from .store import SQLiteStore, open_store, profile_path

    url = args.store or os.environ.get("TUTOR_STORE")
    path = profile_path(_data_dir(args), args.profile)  # checks the name
    if url:
        return _profile_in_store(args, open_store(url), err, create), args.profile
    if not path.exists():
        _new_profile(args, path, err, create)
    store = SQLiteStore(path)
    if store.notice:
        err.write(store.notice + "\n")
    return store, USER


def _new_profile(args: argparse.Namespace, path: Path, err: TextIO, create: bool) -> None:
    """Announce a profile file about to be created, with 'did you mean' from the others; refuse it if not `create`."""
    from .store import profiles

    data_dir = _data_dir(args)
    others = [p.name for p in profiles(data_dir)]
    close = difflib.get_close_matches(args.profile, others, n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    known = f" Profiles here: {', '.join(others)}." if others else ""
    if not create:
        raise TutorError(f"there is no profile '{args.profile}' in {data_dir}.{hint}{known}")
    err.write(f"New profile '{args.profile}', kept in {path}.{hint}{known}\n")


def _profile_in_store(args: argparse.Namespace, store, err: TextIO, create: bool):
    """A profile kept in a --store: it exists once saved there (its users cannot be listed, so no 'did you mean')."""
    if getattr(store, "notice", ""):
        err.write(store.notice + "\n")
    if store.load(args.profile) is None:
        if not create:
            store.close()
            raise TutorError(f"there is no profile '{args.profile}' in the store named by --store or $TUTOR_STORE.")
        err.write(f"New profile '{args.profile}', kept in the store named by --store or $TUTOR_STORE.\n")
    return store


def _open_learner(args: argparse.Namespace, tutor, err: TextIO, create: bool = True):
    """The profile's store, session (a new one the first time) and user id; --level, when given, sets the depth."""
    store, user = _profile_store(args, err, create)
    session = store.load(user) or tutor.new_session()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # said in words below, not as a Python warning
        dropped = tutor.check_session(session)
    if dropped:
        err.write(f"Your saved progress named {len(dropped)} topic(s) or question(s) this version of the tutor no longer "
                  f"has ({', '.join(dropped[:5])}{' ...' if len(dropped) > 5 else ''}); they were left out.\n")
    if args.level:
        session.level, session.override = args.level, None
    return store, session, user


def _read_lines(stdin: TextIO, out: TextIO):
    while True:
        if stdin.isatty():
            out.write("> ")
            out.flush()
        line = stdin.readline()
        if not line:
            return
        if line.strip():
            yield line.rstrip("\n")


def _show(reply: Reply, out: TextIO) -> None:
    out.write(f"[{reply.level}] {reply.text}\n" if reply.kind == "answer" else f"{reply.text}\n")
    out.flush()


def _chat(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    tutor = _load(args)
    store, session, user = _open_learner(args, tutor, sys.stderr)
    if stdin.isatty() and out.isatty():
        from .store import default_data_dir
        from .terminal import TerminalChat, history_for

        data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
        return TerminalChat(tutor, store, session, user, history=history_for(data_dir, args.profile)).run()
    out.write(f"{tutor.rules.messages.get('tutor_name', 'Tutor')}. Educational only, not medical advice. "
              "Ask a question, or say 'help'; Ctrl-D or 'bye' to leave.\n")
    greeting = tutor.due_greeting(session)
    if greeting:
        out.write(greeting + "\n")
    pending = tutor.resume(session)  # a quiz left open (even by kill -9): its question first
    if pending is not None:
        _show(pending, out)
    try:
        if not _converse(tutor, store, session, user, stdin, out, lambda reply: reply.intent == "goodbye"):
            out.write("Goodbye.\n")
        return 0
    finally:
        store.save(user, session)


def _converse(tutor, store, session, user: str, stdin: TextIO, out: TextIO, done: Callable[[Reply], bool]) -> bool:
    """Answer line after line, saving after every turn; True when `done` ended it, False at the end of input."""
    for line in _read_lines(stdin, out):
        reply = _guarded_turn(tutor, store, session, user, line, out)
        if reply is not None and done(reply):
            return True
    return False


def _guarded_turn(tutor, store, session, user: str, line: str, out: TextIO) -> Reply | None:
    """One turn, guarded as the terminal guards it: an error prints a message and the conversation goes on."""
    try:
        reply = tutor.respond(session, line)
        store.save(user, session)  # every answered item is on disk before the next question
    except TutorError as err:
        out.write(f"Sorry, that went wrong: {err}\n")
        return None
    except Exception as err:  # noqa: BLE001 - the loop must survive anything one turn does
        out.write(f"Sorry, something went wrong with that message ({type(err).__name__}). "
                  "Your progress is safe; try again or ask something else.\n")
        return None
    _show(reply, out)
    return reply


def _quiz(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    tutor = _load(args)
    if args.topic:
        tutor.topic_id(args.topic)  # a topic that names nothing is refused before a profile is opened (or created)
    store, session, user = _open_learner(args, tutor, sys.stderr)
    try:
        # a quiz left open is picked up, unless this command asks for another one
        fresh = args.topic or args.count or args.due
        reply = (None if fresh else tutor.resume(session)) or tutor.quiz(session, topic=args.topic, count=args.count,
                                                                         level=args.level, due=args.due)
        store.save(user, session)
        if session.quiz is not None and stdin.isatty() and out.isatty():  # the same prompt_toolkit chat as `tutor`
            return _quiz_in_terminal(args, tutor, store, session, user, reply)
        _quiz_piped(tutor, store, session, user, reply, stdin, out)
        return 0
    finally:
        store.save(user, session)


def _quiz_in_terminal(args: argparse.Namespace, tutor, store, session, user: str, opening: Reply) -> int:
    from .store import default_data_dir
    from .terminal import TerminalChat, history_for

    data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    chat = TerminalChat(tutor, store, session, user, history=history_for(data_dir, args.profile))
    return chat.run(opening=opening, quiz=True)


def _quiz_piped(tutor, store, session, user: str, opening: Reply, stdin: TextIO, out: TextIO) -> None:
    _show(opening, out)
    try:
        ended = session.quiz is None or _converse(tutor, store, session, user, stdin, out, lambda _: session.quiz is None)
    except KeyboardInterrupt:
        ended = False
    if not ended:
        _show(tutor.respond(session, "stop"), out)  # input ended or Ctrl-C mid-quiz: summarise what was answered


def _learn(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    tutor = _load(args)
    store, session, user = _open_learner(args, tutor, sys.stderr)
    try:
        reply = tutor.learn(session, topic=args.topic, section=args.section)
        store.save(user, session)
        _show(reply, out)
        lesson = lambda: session.lesson and session.lesson["stage"] != "done" and not session.lesson.get("paused")  # noqa: E731
        if lesson():
            _converse(tutor, store, session, user, stdin, out, lambda _: not lesson())
        return 0
    finally:
        store.save(user, session)  # input ended mid-lesson: the position is kept for the next run


def _progress(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    from .progress import render_progress
    from .review import utcnow

    if args.reset:
        return _reset(args, stdin, out)
    tutor = _load(args)
    store, session, _ = _open_learner(args, tutor, sys.stderr, create=False)
    now = utcnow()
    report = tutor.progress(session, now)
    path = tutor.lesson_path(session)
    out.write((json.dumps(report, indent=2) if args.json else render_progress(report, now) + (f"\n\n{path}" if path else "")) + "\n")
    return 0


def _reset(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    """Forget one profile's record, once the learner has said yes (or --yes was given)."""
    store, user = _profile_store(args, sys.stderr, create=False)
    answers = len(store.answers(user))
    what = f"everything profile '{args.profile}' has learned ({answers} answer{'s' if answers != 1 else ''}, its reviews and its chat history)"
    if not args.yes:
        if not stdin.isatty():
            sys.stderr.write(f"tutor progress --reset: this forgets {what}. Confirm in a terminal, or add --yes:\n"
                             f"  tutor progress --reset --yes --profile {args.profile}\n")
            return 2
        out.write(f"Forget {what}? [y/N] ")
        out.flush()
        if stdin.readline().strip().lower() not in ("y", "yes"):
            out.write("Nothing was changed.\n")
            return 1
    removed = store.forget(user)
    store.close()
    (_data_dir(args) / f"{args.profile}.history").unlink(missing_ok=True)
    out.write(f"Profile '{args.profile}' forgotten: {removed} answer{'s' if removed != 1 else ''}, its reviews and its "
              "chat history. It starts afresh next time.\n")
    return 0


def _profiles(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    from .store import profiles

    data_dir = _data_dir(args)
    found = profiles(data_dir)
    if not found:
        out.write(f"No profiles yet in {data_dir}. `tutor --profile NAME` starts one.\n")
        return 0
    width = max(7, *(len(p.name) for p in found))
    out.write(f"{'profile':<{width}}  {'answers':>7}  last used\n")
    for p in found:
        answers = "?" if p.answers is None else str(p.answers)
        when = p.problem or (p.last_used[:16].replace("T", " ") + " UTC" if p.last_used else "never")
        out.write(f"{p.name:<{width}}  {answers:>7}  {when}\n")
    return 0


def _serve(args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    """Serve until Ctrl-C or SIGTERM. Learners go to --store / $TUTOR_STORE, else the data folder's server.sqlite3;
    a bearer token is required when $TUTOR_TOKEN is set (never on the command line, where `ps` shows it)."""
    from .service import MAX_BODY, Service, serve
    from .store import SQLiteStore, default_data_dir, open_store, profile_path

    tutor = _load(args)
    url = args.store or os.environ.get("TUTOR_STORE")
    store = open_store(url) if url else SQLiteStore(profile_path(Path(args.data_dir) if args.data_dir else default_data_dir(), "server"))
    try:
        service = Service(tutor, store, token=os.environ.get("TUTOR_TOKEN"), max_body=args.max_body or MAX_BODY)
        serve(service, args.host, args.port)
    except OSError as err:
        raise TutorError(f"cannot listen on {args.host}:{args.port}: {err.strerror or err}") from err
    finally:
        store.close()
    return 0


def _print_problems(problems: list[Problem], out: TextIO) -> None:
    for problem in problems:
        out.write(f"{problem}\n")
    out.write(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found\n")
