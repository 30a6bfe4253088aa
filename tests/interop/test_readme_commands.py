"""The README's command tour and the `sluice` command stay in step: every
command the README shows exists with every option it names, every user
command of `sluice --help` is in the tour, and no hidden harness command
ships in the binary (the crash-loop jobs live in `sluice-test-jobs`)."""
import re
import subprocess

from conftest import REPO


def tour_lines():
    text = (REPO / "README.md").read_text()
    block = text.split("## Command line", 1)[1].split("\n## ", 1)[0]
    lines, current = [], None
    for raw in block.splitlines():
        code = raw.split("#", 1)[0].rstrip()
        if raw.startswith("    sluice "):
            current = code.strip()
            lines.append(current)
        elif raw.startswith("     ") and current is not None and code.strip():
            lines[-1] += " " + code.strip()  # continuation of the previous command
        else:
            current = None
    return lines


def help_of(sluice_bin, *path):
    r = subprocess.run([str(sluice_bin), *path, "--help"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, (path, r.stderr)
    return r.stdout


def subcommands(help_text):
    if "Subcommands:" not in help_text:
        return []
    block = help_text.split("Subcommands:", 1)[1]
    return re.findall(r"^  ([a-z][a-z-]*)\b", block, re.M)


def expand(path):
    """`table files|schema` -> [(table, files), (table, schema)]."""
    out = [[]]
    for part in path:
        out = [p + [alt] for p in out for alt in part.split("|")]
    return out


def test_every_command_in_the_tour_exists_with_its_options(sluice_bin):
    lines = tour_lines()
    assert len(lines) >= 15, lines
    for line in lines:
        words = line.split()[1:]
        path = []
        for w in words:
            if not re.fullmatch(r"[a-z][a-z|-]*", w):
                break
            path.append(w)
        options = set(re.findall(r"(--[a-z][a-z-]*)", line))
        for cmd in expand(path):
            text = help_of(sluice_bin, *cmd)
            for opt in options:
                assert re.search(rf"(^|\s|,){re.escape(opt)}\b", text), f"README shows `{line}`: {opt} not in `sluice {' '.join(cmd)} --help`"


def test_every_user_command_is_in_the_tour(sluice_bin):
    tour = " ".join(tour_lines())
    top = subcommands(help_of(sluice_bin))
    assert {"parquet", "table", "demo", "nexmark"} <= set(top), top
    for cmd in top:
        subs = subcommands(help_of(sluice_bin, cmd)) or [None]
        for sub in subs:
            if sub is None:
                assert f"sluice {cmd}" in tour, cmd
            else:
                assert re.search(rf"sluice {cmd} ([a-z-]+\|)*{sub}\b", tour), f"`sluice {cmd} {sub}` missing from README"


def test_no_hidden_harness_commands(sluice_bin):
    for hidden in ("stream-test", "keyed-count", "window-to-delta"):
        r = subprocess.run([str(sluice_bin), hidden], capture_output=True, text=True, timeout=30)
        assert r.returncode != 0, hidden
        assert hidden in r.stderr or "subcommand" in r.stderr.lower(), r.stderr
