"""The ``recoupe`` command: parse, call one public function, format the result.

This is the only module that prints. Exit codes (``EXIT_*``): 0 done (a dossier was
produced even if some inputs were rejected, unless ``--strict``); 1 an error (a bad
configuration, no readable input at all, an output that cannot be written, a store
that cannot be opened); 2 bad usage (an unknown option, a missing argument: argparse's
own code); 3 with ``--strict`` when any input was rejected; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from recoupe import __version__
from recoupe.errors import OutputError, RecoupeError

if TYPE_CHECKING:
    from recoupe.model import Analysis, Dossier, Rejected
    from recoupe.run import RunResult
    from recoupe.scale import IngestReport

# the reports of a dossier, then its exports for other tools (recoupe.export), which are
# written alone: no side reports beside them
REPORTS = ("json", "md", "html")
EXPORTS = ("csv", "claims", "events")
FORMATS = REPORTS + EXPORTS
# the format a file name implies, and where `analyze` writes without -o on a terminal
EXTENSIONS = {
    ".json": "json",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".jsonld": "claims",
    ".jsonl": "events",
    ".ndjson": "events",
}
# other names a format accepts without --format contradicting them (JSON-LD is JSON)
ALSO_NAMED = {"claims": (".json",)}
FORMAT_HELP = (
    "format of -o (default: from its extension, else json): json, md, html (the dossier's "
    "reports); csv (four tables: -o FILE.csv writes FILE.facts.csv, FILE.divergences.csv, "
    "FILE.quotes.csv, FILE.stories.csv), claims (schema.org Claim JSON-LD, .jsonld), "
    "events (PLOVER JSON Lines, .jsonl). An export is written alone, without the reports "
    "beside it"
)
DEFAULT_OUTPUT = "dossier.json"
METADATA_HELP = """\
metadata for plain-text files (outlet, URL, date, language, title):
  a sidecar NAME.meta.json beside NAME.txt, e.g.
    {"outlet": "...", "url": "https://...", "published": "2024-06-03",
     "language": "fr", "title": "..."}
  or one manifest.json / manifest.csv in a folder, one entry per file:
    [{"file": "NAME.txt", "outlet": "...", "published": "2024-06-03"}, ...]
    {"NAME.txt": {"outlet": "...", ...}, ...}
    file,outlet,url,published,language,title   (CSV: comma, semicolon or tab)
  The manifest of the folder just above a given folder applies too, so one manifest
  at a corpus's root ({"folder": "STORY", "file": "NAME.txt", ...}) serves each story.
  A sidecar wins over the manifest; sidecars and manifests are not read as articles;
  a bad one is reported as rejected and the articles are read without it. Without
  them, outlets are read from a masthead line, a title suffix ("Titre | Nom") or the
  site of the article's address.
"""
EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_REJECTED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
# What must not reach a terminal raw from input: control characters (escape sequences,
# line breaks that forge a line), line and paragraph separators, bidirectional overrides.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``recoupe`` console script."""
    parser = _parser()
    args = parser.parse_args(argv)
    # -v: recoupe's own log, not every library's debug lines
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("recoupe").setLevel(logging.DEBUG if args.verbose else logging.WARNING)
    for handler in logging.getLogger().handlers:
        handler.addFilter(_shown_record)  # log lines name inputs too
    try:
        return args.handler(args)
    except RecoupeError as e:
        print(f"recoupe: {shown(e)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("recoupe: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`recoupe stories | head`): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="recoupe",
        description="Cross-check news coverage: what happened, who says so, where accounts differ.",
    )
    parser.add_argument("--version", action="version", version=f"recoupe {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # -v also works after the command (SUPPRESS: absent, it leaves the global one alone)
    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="log what happens"
    )

    p = commands.add_parser(
        "analyze",
        parents=[verbose],
        help="read articles, analyse them and write the dossier",
        description="Read files and folders of articles (text, HTML, JSON Lines, RSS/Atom, "
        "WARC), analyse each one and cross-check them into one dossier.",
        epilog=METADATA_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to read")
    _output_options(
        p, where="here, and the other reports beside it (FILE.md, FILE.html; none beside an export)"
    )
    p.add_argument("--config", metavar="FILE", help="a TOML file overriding defaults.toml")
    p.add_argument("--model", help="spaCy pipeline package (default fr_core_news_md)")
    p.add_argument("--strict", action="store_true", help="exit 3 when any input was rejected")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary, no progress bar")
    p.add_argument(
        "--as-one-story",
        action="store_true",
        help="cross-check the whole input as one story, without grouping it into stories",
    )
    p.add_argument(
        "--story",
        metavar="ID",
        help="write the report of this story only (an id from the summary or the JSON)",
    )
    p.set_defaults(handler=_analyze)

    db_help = "store URL: a SQLite file path or sqlite:///FILE, or postgresql+psycopg://… "
    db_help += "(default: recoupe.db; a password comes from PGPASSWORD, never the command line)"
    p = commands.add_parser(
        "ingest",
        parents=[verbose],
        help="add articles to the store, analyse them and place them into stories",
        description="Read files and folders of articles and add what is new to the store: "
        "each article is analysed once per pipeline version and placed into a story.",
        epilog=METADATA_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to read")
    p.add_argument("--db", metavar="URL", help=db_help)
    p.add_argument("--model", help="spaCy pipeline package (default fr_core_news_md)")
    p.add_argument("--config", metavar="FILE", help="a TOML file overriding defaults.toml")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N", help="analyse on a local Dask cluster")
    where.add_argument("--dask", metavar="ADDRESS", help="analyse on this Dask scheduler")
    p.add_argument(
        "--retry-failed",
        action="store_true",
        help="analyse again the stored articles whose analysis failed (by default only a "
        "new pipeline version retries them)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no listing, no progress bar")
    p.set_defaults(handler=_ingest)

    p = commands.add_parser("stories", parents=[verbose], help="list the stories in the store")
    p.add_argument("--db", metavar="URL", help=db_help)
    p.set_defaults(handler=_stories)

    p = commands.add_parser(
        "dossier", parents=[verbose], help="build and write one stored story's dossier"
    )
    p.add_argument("story", metavar="STORY", help="a story id, as `recoupe stories` shows it")
    p.add_argument("--db", metavar="URL", help=db_help)
    p.add_argument("--model", help="spaCy pipeline package (default fr_core_news_md)")
    p.add_argument("--config", metavar="FILE", help="a TOML file overriding defaults.toml")
    _output_options(p, where="here")
    p.set_defaults(handler=_dossier)

    p = commands.add_parser(
        "info", parents=[verbose], help="show the store's schema, migrations and pipeline"
    )
    p.add_argument("--db", metavar="URL", help=db_help)
    p.add_argument("--model", help="spaCy pipeline package (default fr_core_news_md)")
    p.add_argument("--config", metavar="FILE", help="a TOML file overriding defaults.toml")
    p.set_defaults(handler=_info)

    p = commands.add_parser(
        "serve",
        parents=[verbose],
        help="browse the store in a web browser (pages and a JSON API), read-only",
    )
    p.add_argument("--db", metavar="URL", help=db_help)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: loopback)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.set_defaults(handler=_serve)
    return parser


def _output_options(p: argparse.ArgumentParser, *, where: str) -> None:
    """-o and --format, as analyze and dossier take them (see ``_output_plan``)."""
    p.add_argument("--format", choices=FORMATS, help=FORMAT_HELP)
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=f"write the dossier {where}; '-' for stdout. Default: stdout when it is not a "
        f"terminal, else {DEFAULT_OUTPUT}",
    )


def _analyze(args: argparse.Namespace) -> int:
    if not _any_input(args.paths):
        return EXIT_ERROR
    # Imported here so that `recoupe --help` and a mistyped path answer without spaCy.
    from recoupe.config import load_settings
    from recoupe.files import write_all_atomic
    from recoupe.run import run

    settings = load_settings(user_file=args.config, overrides={"analyze.model": args.model})
    # where and how the dossier is written is settled before any work
    fmt, target = _output_plan(args.output, args.format, sys.stdout.isatty())
    sides = (
        [] if target is None or fmt in EXPORTS else _side_files(target, fmt, settings.report.also)
    )
    show = not args.quiet
    if show:
        print("recoupe: loading the language model…", file=sys.stderr)
    result = run(
        args.paths,
        settings=settings,
        progress=None if args.quiet else _progress,
        as_one_story=args.as_one_story,
    )
    read, dossier = result.ingest, result.dossier
    _print_rejected(read.rejected)
    if not read.articles:
        print("recoupe: no readable article in the given paths", file=sys.stderr)
        return EXIT_ERROR
    if args.story:
        dossier = _one_story(dossier, args.story)

    written = []
    if target is None:
        sys.stdout.write(_render(dossier, fmt))
    else:
        # all or none: an interruption while they are written leaves the previous set
        files = _rendered(dossier, [*_main_files(target, fmt), *sides])
        write_all_atomic(files)
        written = [path for path, _ in files]
    if show:
        _print_summary(result, to_stdout=target is not None)
        if written:
            print(f"wrote {', '.join(shown(p) for p in written)}")
    if args.strict and read.rejected:
        return EXIT_REJECTED
    return EXIT_OK


def _model(args: argparse.Namespace) -> str:
    """The model the settings name: --model, else the environment, --config, defaults."""
    from recoupe.config import load_settings

    settings = load_settings(user_file=args.config, overrides={"analyze.model": args.model})
    return settings.analyze.model


def _any_input(paths: Sequence[str]) -> bool:
    """Whether any of ``paths`` exists; when none does, say so now, before the model loads
    (a path that exists is read, and one that does not is rejected with the others)."""
    if any(os.path.lexists(path) for path in paths):
        return True
    for path in paths:
        print(f"recoupe: rejected {shown(path)}: missing: no such file or folder", file=sys.stderr)
    print("recoupe: no readable article in the given paths", file=sys.stderr)
    return False


def _output_plan(output: str | None, fmt: str | None, terminal: bool) -> tuple[str, Path | None]:
    """The format and the file of the dossier (None: standard output), or an error now.

    Without -o the dossier goes to standard output when it is not a terminal, else to
    ``DEFAULT_OUTPUT``; the format follows the file's extension unless --format says
    another, and a contradiction is an error.
    """
    if output is None:
        output = _default_output(fmt) if terminal else "-"
    if output == "-":
        if fmt == "csv":
            raise OutputError(
                "--format csv writes four tables, one file each: give -o FILE.csv "
                "(FILE.facts.csv, FILE.divergences.csv, FILE.quotes.csv, FILE.stories.csv)"
            )
        return fmt or "json", None
    target = Path(output)
    suffix = target.suffix.lower()
    implied = EXTENSIONS.get(suffix)
    if fmt and implied and implied != fmt and suffix not in ALSO_NAMED.get(fmt, ()):
        raise OutputError(
            f"--format {fmt} but {shown(output)} is named as {implied}: "
            "drop --format or rename the file"
        )
    fmt = fmt or implied or "json"
    for path, _ in _main_files(target, fmt):
        _check_writable(path)
    return fmt, target


def _default_output(fmt: str | None) -> str:
    """``DEFAULT_OUTPUT``, named for --format when it says another format (dossier.md)."""
    if fmt is None or fmt == EXTENSIONS[Path(DEFAULT_OUTPUT).suffix]:
        return DEFAULT_OUTPUT
    suffix = next(ext for ext, named in EXTENSIONS.items() if named == fmt)
    return str(Path(DEFAULT_OUTPUT).with_suffix(suffix))


def _main_files(target: Path, fmt: str) -> list[tuple[Path, str]]:
    """The files -o names, each with what it holds: ``target`` in ``fmt``, or for csv one
    file per table beside it (FILE.csv: FILE.facts.csv ..., held as "csv:facts" ...)."""
    if fmt != "csv":
        return [(target, fmt)]
    from recoupe.export import TABLES

    name = target.name[:-4] if target.name.lower().endswith(".csv") else target.name
    return [(target.with_name(f"{name}.{table}.csv"), f"csv:{table}") for table in TABLES]


def _render(dossier: Dossier, fmt: str) -> str:
    """``dossier`` as a report (json, md, html) or as one export (claims, events)."""
    from recoupe import export, report

    if fmt == "claims":
        return export.claims(dossier)
    if fmt == "events":
        return export.events(dossier)
    return report.render(dossier, fmt)


# the formats worth a process of their own to render (a whole report each)
_REPORTS = frozenset({"json", "md", "html"})


def _rendered(dossier: Dossier, files: Sequence[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """The text of each file of ``_main_files`` and ``_side_files``."""
    from functools import partial

    from recoupe.export import csv_tables
    from recoupe.forked import forked

    tables = csv_tables(dossier) if any(how.startswith("csv:") for _, how in files) else {}

    def text(how: str) -> str:
        return tables[how[4:]] if how.startswith("csv:") else _render(dossier, how)

    # the reports after the first (Markdown, HTML beside JSON) each rendered in a child of
    # their own, on the other core, while this process renders the first
    later = {
        i: forked(partial(text, how)) for i, (_, how) in enumerate(files) if i and how in _REPORTS
    }
    made = {i: text(how) for i, (_, how) in enumerate(files) if i not in later}
    return [(path, made[i] if i in made else later[i]()) for i, (path, _) in enumerate(files)]


def _side_files(target: Path, fmt: str, also: Sequence[str]) -> list[tuple[Path, str]]:
    """The other formats written beside ``target`` (same name, their extension)."""
    sides = [(target.with_suffix(f".{how}"), how) for how in also if how != fmt]
    for path, _ in sides:
        _check_writable(path)
    return sides


def _check_writable(path: Path) -> None:
    """Refuse, before any work, to replace anything but a regular file."""
    if path.exists() and not path.is_file():
        kind = "a folder" if path.is_dir() else "not a regular file"
        raise OutputError(f"cannot write the dossier to {shown(path)}: it is {kind}")


def _one_story(dossier: Dossier, story_id: str) -> Dossier:
    from recoupe.parts import story_part

    try:
        return story_part(dossier, story_id)
    except KeyError:
        known = ", ".join(s.id for s in dossier.stories)
        raise OutputError(f"no story {story_id!r} in this input; its stories: {known}") from None


def _ingest(args: argparse.Namespace) -> int:
    if not _any_input(args.paths):
        return EXIT_ERROR
    from recoupe import scale
    from recoupe.config import load_settings
    from recoupe.store import open_store

    settings = load_settings(user_file=args.config, overrides={"analyze.model": args.model})
    model, encoder = settings.analyze.model, settings.stories.encoder
    store = open_store(args.db)
    runner: scale.DaskRunner | scale.LocalRunner  # both are scale.Runner; only Dask is a context
    try:
        if args.workers or args.dask:
            runner = scale.DaskRunner(
                scheduler=args.dask, workers=args.workers, model=model, encoder=encoder
            )
            with runner:
                report = _run_ingest(args, store, runner, settings)
        else:
            runner = scale.LocalRunner(
                model=model, encoder=encoder, processes=settings.analyze.processes
            )
            report = _run_ingest(args, store, runner, settings)
    finally:
        store.close()
    _print_rejected(report.rejected)
    if not args.quiet:
        _print_ingested(report)
    failed = [a for a in report.added if a.failed] + [r for r in report.retried if r.failed]
    print(
        f"{len(report.added)} added, {len(report.skipped)} skipped as already stored, "
        f"{len(report.duplicates)} copies found, {len(report.rejected)} rejected"
        + (f", {len(report.retried)} retried" if report.retried else "")
        + (
            f"; analysis failed for {_count(len(failed), 'article')}: {RETRY_HINT}"
            if failed
            else ""
        )
    )
    return EXIT_OK


# an article whose analysis failed is stored as failed and skipped by the next ingests
RETRY_HINT = "kept as failed, `recoupe ingest PATH... --retry-failed` tries again"


def _print_ingested(report: IngestReport) -> None:
    """One line per article the ingest added, skipped or retried."""
    from recoupe.report import outlet_name

    for added in report.added:
        how = "opened" if added.opened else "joined"
        name = outlet_name(added.outlet, added.source)
        failed = f"; analysis failed: {shown(added.failed)}" if added.failed else ""
        print(f"  added {shown(name)}: {how} story {added.story_id}{failed}")
    for skipped in report.skipped:
        name = outlet_name(skipped.outlet, skipped.source)
        failed = f" (analysis failed: {shown(skipped.failed)})" if skipped.failed else ""
        print(f"  skipped {shown(name)}: already in the store{failed}")
    for retried in report.retried:
        name = outlet_name(retried.outlet, retried.source)
        how = f"failed again: {shown(retried.failed)}" if retried.failed else "analysed"
        print(f"  retried {shown(name)}: {how}")
    for dup in report.duplicates:
        print(f"  duplicate: {shown(dup.source)} is a {dup.kind} copy of {shown(dup.of_source)}")


def _run_ingest(args, store, runner, settings):
    from recoupe import scale
    from recoupe.run import story_settings

    return scale.ingest_into_store(
        args.paths,
        store=store,
        runner=runner,
        max_bytes=settings.ingest.max_bytes,
        settings=story_settings(settings),
        progress=None if args.quiet else _progress,
        retry_failed=args.retry_failed,
    )


def _stories(args: argparse.Namespace) -> int:
    from recoupe import scale
    from recoupe.store import open_store

    store = open_store(args.db, create=False)
    try:
        stories = scale.list_stories(store)
        failed = store.info().failed_articles
    finally:
        store.close()
    if not stories:
        print("no stories yet: `recoupe ingest PATH...` adds articles")
        return EXIT_OK
    print(f"{'story':14} {'size':>4}  {'first':10}  {'last':10}  outlets / title")
    for story in stories:
        first = story.first.isoformat() if story.first else "?"
        last = story.last.isoformat() if story.last else "?"
        outlets = ", ".join(story.outlets) or "unknown outlets"
        print(f"{story.id:14} {len(story.articles):>4}  {first:10}  {last:10}  {shown(outlets)}")
        if story.title:
            title = story.title if len(story.title) <= 90 else story.title[:89].rstrip() + "…"
            print(f"{'':46}{shown(title)}")
    if failed:
        print(f"analysis failed for {_count(failed, 'article')}: {RETRY_HINT}")
    return EXIT_OK


def _dossier(args: argparse.Namespace) -> int:
    from recoupe import scale
    from recoupe.files import write_all_atomic
    from recoupe.store import open_store

    fmt, target = _output_plan(args.output, args.format, sys.stdout.isatty())
    model = _model(args)
    store = open_store(args.db, create=False)
    try:
        runner = scale.LocalRunner(model=model, encoder=False)
        dossier = scale.story_dossier(store, args.story, runner=runner)
    finally:
        store.close()
    if target is None:
        sys.stdout.write(_render(dossier, fmt))
    else:
        files = _rendered(dossier, _main_files(target, fmt))
        write_all_atomic(files)
        print(
            f"{len(dossier.articles)} articles, {len(dossier.facts)} facts, "
            f"{len(dossier.divergences)} divergences: {', '.join(shown(p) for p, _ in files)}"
        )
    return EXIT_OK


def _info(args: argparse.Namespace) -> int:
    from recoupe import scale
    from recoupe.store import open_store

    store = open_store(args.db, create=False)
    try:
        info = store.info()
    finally:
        store.close()
    print(f"store: {info.url} ({info.dialect})")
    print(f"pipeline: {scale.pipeline_of(_model(args))}")
    print("migrations:")
    for name, applied in info.migrations:
        print(f"  {name}  applied {applied}")
    for name in info.pending:
        print(f"  {name}  pending")
    print("schema:")
    for table, columns in info.tables.items():
        print(f"  {table} ({info.counts.get(table, 0)} rows): {', '.join(columns)}")
    print(f"stories: {info.stories}")
    for pipeline, count in info.pipelines.items():
        failed = info.failed.get(pipeline, 0)
        print(f"analyses by {pipeline}: {count}" + (f" ({failed} failed)" if failed else ""))
    print(f"articles whose analysis failed: {info.failed_articles}")
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    # Imported here: the server needs no language model and loads none.
    from recoupe.serve import serve
    from recoupe.store import open_store

    store = open_store(args.db, create=False)
    try:
        print(
            f"recoupe: serving at http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr
        )
        serve(store, host=args.host, port=args.port)
    finally:
        store.close()
    return EXIT_OK


def shown(text: object) -> str:
    """``text`` safe to print: control characters and the like written as escapes."""
    return _UNSAFE.sub(_escape, str(text))


def _shown_record(record: logging.LogRecord) -> bool:
    record.msg, record.args = shown(record.getMessage()), None
    return True


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return named.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    )


def _print_rejected(rejected: Iterable[Rejected]) -> None:
    for item in rejected:
        print(
            f"recoupe: rejected {shown(item.source)}: {item.reason}: {shown(item.detail)}",
            file=sys.stderr,
        )


def _progress(stream: Iterator, total: int) -> Iterable:
    from tqdm import tqdm

    # delay: the bar appears only on runs longer than a few seconds; stderr only
    return tqdm(stream, total=total, unit="article", delay=3, file=sys.stderr, leave=False)


def _print_summary(result: RunResult, *, to_stdout: bool) -> None:
    from recoupe.report import outlet_name

    out = sys.stdout if to_stdout else sys.stderr
    dossier, read = result.dossier, result.ingest
    by_id = {analysis.article_id: analysis for analysis in dossier.analyses}
    print(f"{len(read.articles)} articles read", file=out)
    for article in read.articles:
        analysis = by_id.get(article.id)
        date = article.published.isoformat() if article.published else "undated"
        via = f", via {article.agency}" if article.agency not in (None, article.outlet) else ""
        line = f"  {outlet_name(article.outlet, article.source)}"
        if article.title:
            title = article.title if len(article.title) <= 60 else article.title[:59] + "…"
            line += f": {title}"
        line += f"  [{article.language or '?'}, {date}{via}]"
        skipped = _not_analysed(analysis)
        if skipped:
            line += f"  {skipped}"
        elif analysis is not None:
            # quoted terms (scare quotes, labels) are no quotations
            quotes = sum(1 for q in analysis.quotes if q.kind != "term")
            line += (
                f"  {len(analysis.sentences)} sentences, {len(analysis.mentions)} mentions,"
                f" {quotes} quotes, {len(analysis.claims)} claims"
            )
        print(shown(line), file=out)
    # an exact copy has its original's id: the source tells them apart
    names = {(a.id, a.source): outlet_name(a.outlet, a.source) for a in read.articles}
    for dup in read.duplicates:
        copy = names.get((dup.article_id, dup.source), dup.source)
        original = names.get((dup.of_id, dup.of_source), dup.of_source)
        print(
            f"  duplicate: {shown(copy)} is a {dup.kind} copy of {shown(original)}"
            f" (similarity {dup.similarity:.2f})",
            file=out,
        )
    print(
        f"{len(dossier.entities)} entities, {len(dossier.facts)} facts,"
        f" {len(dossier.divergences)} divergences",
        file=out,
    )
    if len(dossier.stories) > 1:
        _print_stories(dossier, out)
    if read.rejected:
        reasons = Counter(r.reason for r in read.rejected)
        listed = ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items()))
        print(f"{len(read.rejected)} inputs rejected ({listed})", file=out)


def _not_analysed(analysis: Analysis | None) -> str | None:
    """Why an article has no analysis, in the summary's words; None when it has one."""
    from recoupe.report.view import why_not_analysed

    why = why_not_analysed(analysis) if analysis is not None else None
    if analysis is None or why is None:
        return None
    if any(n.code == "language" for n in analysis.notes):
        return f"read and grouped into stories, not analysed: {why}"
    return f"read, not analysed: {why}"


def _print_stories(dossier: Dossier, out) -> None:
    """One line a story, in the dossier's order (largest first): each is cross-checked on
    its own (--story ID)."""
    print(f"{len(dossier.stories)} stories, each cross-checked on its own:", file=out)
    for story in dossier.stories:
        days = [d.isoformat() for d in (story.first, story.last) if d is not None]
        when = " to ".join(dict.fromkeys(days)) or "undated"
        title = story.title or "untitled"
        title = title if len(title) <= 60 else title[:59].rstrip() + "…"
        counts = ", ".join(
            _count(n, word)
            for n, word in (
                (len(story.articles), "article"),
                (len(story.facts), "fact"),
                (len(story.divergences), "divergence"),
            )
        )
        print(f"  {story.id}  {counts}  [{when}]  {shown(title)}", file=out)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


if __name__ == "__main__":
    raise SystemExit(main())
