"""Problems found in hub data, and how they are printed for people and machines."""
from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One precise, located complaint about the data."""

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: str = "error"

    def text(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        head = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        if self.severity != "error":
            head = f"{where}: {self.severity}: " + head[len(where) + 2 :]
        return head + (f"\n    hint: {self.hint}" if self.hint else "")

    def github(self) -> str:
        level = "error" if self.severity == "error" else "warning"
        body = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            body += f" (hint: {self.hint})"
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.file},line={self.line},col={self.column}::{body}"


def suggest(word: str, options) -> str:
    """The hint "did you mean 'x'?" for the option closest to ``word``; empty if none is close."""
    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


class HubDataError(Exception):
    """Raised at the edges (build, CLI) when the data has errors; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_text(self.problems))


def format_text(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    lines = [p.text() for p in problems]
    lines.append(f"{errors} error(s), {len(problems) - errors} warning(s)")
    return "\n".join(lines)


def format_json(problems: list[Problem]) -> str:
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)


def format_github(problems: list[Problem]) -> str:
    return "\n".join(p.github() for p in problems)
