"""The ``recoupe`` command: parse, call one public function, format the result.

This is the only module that prints. Exit codes: 0 a dossier was produced (even
if some inputs were rejected, unless ``--strict``); 1 bad usage, configuration or
no readable article at all; 2 with ``--strict`` when any input was rejected.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from recoupe import __version__
from recoupe.errors import RecoupeError

if TYPE_CHECKING:
    from recoupe.run import RunResult

FORMATS = ("json", "md", "html")
EXIT_OK, EXIT_ERROR, EXIT_REJECTED = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``recoupe`` console script."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return args.handler(args)
    except RecoupeError as e:
        print(f"recoupe: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("recoupe: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="recoupe",
        description="Cross-check news coverage: what happened, who says so, where accounts differ.",
    )
    parser.add_argument("--version", action="version", version=f"recoupe {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser(
        "analyze",
        help="read articles, analyse them and write the dossier",
        description="Read files and folders of articles (text, HTML, JSON Lines, RSS/Atom, "
        "WARC), analyse each one and cross-check them into one dossier.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to read")
    p.add_argument("--format", choices=FORMATS, default="json", help="format of -o (json)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the dossier here ('-' for stdout)")
    p.add_argument("--config", metavar="FILE", help="a TOML file overriding defaults.toml")
    p.add_argument("--model", help="spaCy pipeline package (default fr_core_news_md)")
    p.add_argument("--strict", action="store_true", help="exit 2 when any input was rejected")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary, no progress bar")
    p.set_defaults(handler=_analyze)
    return parser


def _analyze(args: argparse.Namespace) -> int:
    # Imported here so that `recoupe --help` answers without loading spaCy.
    from recoupe import report
    from recoupe.config import load_settings
    from recoupe.files import write_atomic
    from recoupe.run import run

    settings = load_settings(user_file=args.config, overrides={"analyze.model": args.model})
    show = not args.quiet
    if show:
        print("recoupe: loading the language model…", file=sys.stderr)
    result = run(args.paths, settings=settings, progress=None if args.quiet else _progress)
    read, dossier = result.ingest, result.dossier
    for rejected in read.rejected:
        print(
            f"recoupe: rejected {rejected.source}: {rejected.reason}: {rejected.detail}",
            file=sys.stderr,
        )
    if not read.articles:
        print("recoupe: no readable article in the given paths", file=sys.stderr)
        return EXIT_ERROR

    if args.output:
        text = report.render(dossier, args.format)
        if args.output == "-":
            sys.stdout.write(text)
        else:
            out = Path(args.output)
            write_atomic(out, text)
            for fmt in settings.report.also:
                if fmt != args.format:
                    write_atomic(out.with_suffix(f".{fmt}"), report.render(dossier, fmt))
    if show:
        _print_summary(result, to_stdout=args.output != "-")
    if args.strict and read.rejected:
        return EXIT_REJECTED
    return EXIT_OK


def _progress(stream: Iterator, total: int) -> Iterable:
    from tqdm import tqdm

    # delay: the bar appears only on runs longer than a few seconds; stderr only
    return tqdm(stream, total=total, unit="article", delay=3, file=sys.stderr, leave=False)


def _print_summary(result: RunResult, *, to_stdout: bool) -> None:
    out = sys.stdout if to_stdout else sys.stderr
    dossier, read = result.dossier, result.ingest
    by_id = {analysis.article_id: analysis for analysis in dossier.analyses}
    print(f"{len(read.articles)} articles read", file=out)
    for article in read.articles:
        analysis = by_id.get(article.id)
        date = article.published.isoformat() if article.published else "undated"
        outlet = article.outlet or article.agency or "unknown outlet"
        line = f"  {article.source}  [{article.language or '?'}, {date}, {outlet}]"
        if analysis is not None:
            line += (
                f"  {len(analysis.sentences)} sentences, {len(analysis.mentions)} mentions,"
                f" {len(analysis.quotes)} quotes, {len(analysis.claims)} claims"
            )
        print(line, file=out)
    for dup in read.duplicates:
        print(
            f"  duplicate: {dup.source} is a {dup.kind} copy of {dup.of_source}"
            f" (similarity {dup.similarity:.2f})",
            file=out,
        )
    print(
        f"{len(dossier.entities)} entities, {len(dossier.facts)} facts,"
        f" {len(dossier.divergences)} divergences",
        file=out,
    )
    if read.rejected:
        reasons = Counter(r.reason for r in read.rejected)
        listed = ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items()))
        print(f"{len(read.rejected)} inputs rejected ({listed})", file=out)


if __name__ == "__main__":
    raise SystemExit(main())
