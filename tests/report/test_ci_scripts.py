"""The CI's browser install script: fonts come whether or not chromium was already there."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "install-browser.sh"


def _fake_tools(folder: Path, installed: set[str]) -> Path:
    """dpkg-query, apt-get and id stand-ins that log what the script asks for."""
    folder.mkdir()
    log = folder / "log"
    scripts = {
        "dpkg-query": f'for p in {" ".join(sorted(installed))}; do [ "${{@: -1}}" = "$p" ] && '
                      'echo -n "install ok installed" && exit 0; done; exit 1',
        "apt-get": f'echo "apt-get $*" >> {log}',
        "id": "echo 0",
        "fc-cache": "true",
    }
    for name, body in scripts.items():
        path = folder / name
        path.write_text(f"#!/usr/bin/env bash\n{body}\n")
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return log


def _run(tmp_path: Path, installed: set[str]) -> str:
    bin_dir = tmp_path / "bin"
    log = _fake_tools(bin_dir, installed)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    subprocess.run(["bash", str(SCRIPT)], check=True, env=env, capture_output=True, text=True)
    return log.read_text() if log.exists() else ""


def test_install_browser_adds_the_cjk_font_when_chromium_is_there(tmp_path: Path) -> None:
    asked = _run(tmp_path, {"chromium", "chromium-driver", "fonts-liberation"})
    if not Path("/usr/bin/chromium").exists():
        assert "chromium" in asked
    assert "install" in asked and "fonts-wqy-microhei" in asked and " chromium-driver" not in asked


def test_install_browser_does_nothing_when_everything_is_there(tmp_path: Path) -> None:
    if not Path("/usr/bin/chromium").exists():
        import pytest

        pytest.skip("/usr/bin/chromium is absent: the script would install it")
    assert _run(tmp_path, {"chromium", "chromium-driver", "fonts-liberation", "fonts-wqy-microhei"}) == ""
