"""The labels of ``hub report``, the dashboard, the digests, ``hub new`` and ``hub diff``: every one used
exists in both languages, and every one of their sections is used (built keys such as
``report.gap.<what>`` are checked against the values they are built from)."""
import re
from pathlib import Path

from pmmhub.contribute import scaffold
from pmmhub.model import KINDS
from pmmhub.operate.coverage import GAPS
from pmmhub.render.i18n import labels

ROOT = Path(__file__).parents[1] / "pmmhub"
SECTIONS = ("report.", "health.", "digest.", "new.", "diff.")
USERS = [*(ROOT / "templates" / "health").iterdir(), ROOT / "templates" / "review" / "diff.md.j2",
         ROOT / "render" / "producers" / "health.py", ROOT / "operate" / "digest.py", ROOT / "commands" / "new.py",
         ROOT / "contribute" / "contentdiff.py"]
BUILT = {
    **{f"report.gap.{g}": True for g in GAPS}, **{f"report.gap_line.{g}": True for g in GAPS if g != "pricing"},
    **{f"report.pricing.{r}": True for r in ("no_pricing", "no_talk_track", "old_pricing")},
    **{f"report.orphan.{r}": True for r in ("git", "codeowners")},
    **{f"new.kind.{k}": True for k in KINDS},
    **{f"new.field.{q.name}": True for k in KINDS for q in scaffold.questions(k)},
    **{f"diff.{w}_{n}": True for w in ("added", "removed") for n in ("items", "count")},
}


def code() -> str:
    return "".join(f.read_text(encoding="utf-8") for f in USERS if f.is_file())


def test_every_key_used_exists_in_both_languages():
    found = re.findall(r"""\bt\(\s*f?["']((?:report|health|digest|new|diff)\.[a-z_.]+)["']""", code())
    used = {k for k in found if not k.endswith(".")}  # "report.gap." ~ what: see BUILT
    assert used
    for language in ("zh", "en"):
        assert used - set(labels(language).table) == set(), language
    assert set(BUILT) - set(labels("zh").table) == set()


def test_every_key_of_these_sections_is_used():
    text = code()
    keys = [k for k in labels("en").table if k.startswith(SECTIONS)]
    unused = [k for k in keys if k not in BUILT and f'"{k}"' not in text and f"'{k}'" not in text]
    assert unused == []
