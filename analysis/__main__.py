"""Command line: ``python -m analysis themes INPUT [--format table|json|markdown]``.

Exit codes: 0 on success, 2 for bad input or arguments (with a one-line message on
stderr), 3 when the requested embedding backend is not installed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from analysis.actions import public_result
from analysis.embed import BACKENDS, ModelNotInstalledError, backend_name
from analysis.io import InputError, read_concerns
from analysis.models import ThemeResult
from analysis.pipeline import find_themes
from embedding import model_version

__all__ = ["main", "render_markdown", "render_table"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "backend":
        name = backend_name("auto")
        version = model_version() if name != "lexical" else None
        print(f"{name} ({version})" if version else name)
        return 0
    try:
        concerns = read_concerns(args.input)
        result = find_themes(
            concerns,
            prompt=args.prompt,
            title=args.title,
            places=args.place or (),
            random_state=args.random_state,
            backend=args.backend,
            min_theme_size=args.min_theme_size,
            max_themes=args.max_themes,
        )
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ModelNotInstalledError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except ValueError as exc:
        print(f"error: {args.input}: {exc}", file=sys.stderr)
        return 2
    if args.public:
        result = public_result(result)
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        print(render_markdown(result))
    else:
        print(render_table(result))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis", description="Cluster session concerns into themes."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    themes = commands.add_parser("themes", help="find themes in a CSV or JSON file")
    themes.add_argument("input", help="CSV (header with id,text) or JSON list of concerns")
    themes.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    themes.add_argument("--prompt", help="the session prompt (its words are kept out of labels)")
    themes.add_argument("--title", help="the session title (its words are kept out of labels)")
    themes.add_argument(
        "--place", action="append", help="a place name, never a label on its own (repeatable)"
    )
    themes.add_argument("--random-state", type=int, default=0)
    themes.add_argument("--backend", choices=BACKENDS, default="auto")
    themes.add_argument("--min-theme-size", type=int, default=3)
    themes.add_argument("--max-themes", type=int, default=15)
    themes.add_argument(
        "--public",
        action="store_true",
        help="fold themes with fewer than 5 supporters into 'other' and hide flagged ids",
    )
    commands.add_parser("backend", help="print the embedding backend in use")
    return parser


def render_table(result: ThemeResult) -> str:
    """Render a result as a plain-text table for a terminal."""
    lines = [
        f"{len(result.themes)} themes from {result.n_concerns} concerns "
        f"(backend: {result.backend}; other: {len(result.other)}; "
        f"flagged for moderator: {len(result.flagged)})",
        "",
        f"{'id':<9} {'supp':>5} {'size':>5}  {'cat':<4} {'conf':>4}  {'sentiment':<9}  label",
        "-" * 78,
    ]
    for theme in result.themes:
        lines.append(
            f"{theme.id:<9} {theme.supporters:>5} {theme.size:>5}  {theme.category or '-':<4} "
            f"{theme.category_confidence:>4.2f}  {theme.sentiment.label:<9}  {theme.label}"
        )
        lines.append(f"{'':<9} keywords: {', '.join(theme.keywords)}")
        for quote in theme.quotes:
            lines.append(f"{'':<9} “{_one_line(quote)}”")
    if result.action_items:
        lines += ["", "Action items (drafts)", "-" * 78]
        for item in result.action_items:
            lines.append(
                f"[{item.priority}] {item.title} — owner: {item.owner}, "
                f"response: {item.response_type}"
            )
            lines.append(f"    You said: {item.you_said}")
    return "\n".join(lines)


def render_markdown(result: ThemeResult) -> str:
    """Render a result as Markdown (for a report draft)."""
    out = [
        f"# Themes ({len(result.themes)} from {result.n_concerns} concerns)",
        "",
        f"Backend: `{result.backend}`. Other concerns: {len(result.other)}.",
        "",
        "| Theme | Supporters | Category | Sentiment | Keywords |",
        "|---|---:|---|---|---|",
    ]
    for theme in result.themes:
        category = f"{theme.category} ({theme.category_confidence:.2f})" if theme.category else "-"
        out.append(
            f"| {_md(theme.label)} | {theme.supporters} | {category} | "
            f"{theme.sentiment.label} | {_md(', '.join(theme.keywords))} |"
        )
    for item in result.action_items:
        out += ["", f"## {_md(item.title)}", "", f"**You said:** {_md(item.you_said)}"]
        if item.quote:
            out.append(f"> {_md(_one_line(item.quote))}")
        out += [
            "",
            f"- Owner: {item.owner}",
            f"- Suggested response: {item.response_type}",
            f"- Priority: {item.priority}",
            "- We did: _to be written by the committee_",
        ]
    return "\n".join(out)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


if __name__ == "__main__":
    sys.exit(main())
