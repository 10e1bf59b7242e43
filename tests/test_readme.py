"""The README's two commands are the ones CI and newcomers run."""
import re
from pathlib import Path

ROOT = Path(__file__).parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text)[:2]


def test_readme_opens_with_serve_and_test_commands():
    serve, test = readme_commands()
    assert serve.endswith("hub serve")  # mkdocs serve --dirty with the hub plugin (pmmhub/commands/serve.py)
    assert "pytest" in test


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()
