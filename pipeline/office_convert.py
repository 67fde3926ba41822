"""Converts .doc and .wps files to .docx with LibreOffice: headless, a private profile, a time limit, no network."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from pipeline.errors import ConversionError, ConverterMissingError
from pipeline.limits import Limits, current_limits

OFFICE_SUFFIXES = (".doc", ".wps")
ZIP_MAGIC = b"PK\x03\x04"
# What .doc and .wps files begin with: an OLE2 compound file (Word 97-2003, WPS), RTF, HTML or MHT
# saved under a Word suffix (web sites publish those as .doc).
OFFICE_MAGIC = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf", b"<", b"MIME-Version", b"Content-Type")
BINARIES = ("soffice", "libreoffice")
INSTALL_HINT = ("install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; or run "
                ".ci/install-office.sh), or save the file as .docx in Word or WPS")
# The private profile: no first-start wizard, no update check, no online help, no macros.
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseLocking" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments"><prop oor:name="AutoCheckEnabled" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Help"><prop oor:name="HelpRootURL" oor:op="fuse"><value></value></prop></item>
</oor:items>
"""


def find_soffice() -> str | None:
    """The LibreOffice binary on PATH, or None."""
    return next((found for name in BINARIES if (found := shutil.which(name))), None)


@lru_cache(maxsize=1)
def _offline_prefix() -> tuple[str, ...]:
    """`unshare --net` when this machine lets the process drop its network that way, else nothing."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    try:
        probe = subprocess.run([unshare, "--net", "--", "true"], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ()
    return (unshare, "--net", "--") if probe.returncode == 0 else ()


def _command(binary: str, profile: Path, source: Path, outdir: Path) -> list[str]:
    return [*_offline_prefix(), binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
            "--nologo", "--norestore", "--nodefault", "--nolockcheck", "--convert-to", "docx:MS Word 2007 XML",
            "--outdir", str(outdir), str(source)]


def _run(command: list[str], timeout: float, home: Path, name: str) -> subprocess.CompletedProcess:
    """Run LibreOffice in its own process group, killed whole when past the time limit."""
    env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp", "HOME": str(home)}
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as error:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ConversionError(f"LibreOffice took more than {timeout:g} s to convert it; check the file, or raise "
                              "office_timeout_s", name) from error
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def convert_to_docx(data: bytes, name: str, limits: Limits | None = None) -> bytes:
    """The bytes of a .doc or .wps file saved as .docx by LibreOffice; raises ConverterMissingError
    when `soffice` is not installed and ConversionError when it fails or runs past the time limit."""
    limits = limits or current_limits()
    suffix = Path(name).suffix.lower() or ".doc"
    if data.startswith(ZIP_MAGIC):
        return data  # a .docx saved under an old suffix: read as it is
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(OFFICE_MAGIC):
        raise ConversionError(f"not a Word or WPS document (a {suffix} file starts with the bytes of a Word 97 "
                              "compound file, RTF or HTML); check that it is the right file", name)
    binary = find_soffice()
    if binary is None:
        raise ConverterMissingError(f"reading a {suffix} file needs LibreOffice (soffice), which is not installed; "
                                    f"{INSTALL_HINT}", name)
    with tempfile.TemporaryDirectory(prefix="petition-miner-office-") as work:
        folder = Path(work)
        profile = folder / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, encoding="utf-8")
        source = folder / "in" / f"document{suffix}"
        source.parent.mkdir()
        source.write_bytes(data)
        outdir = folder / "out"
        try:
            result = _run(_command(binary, profile, source, outdir), limits.office_timeout_s, folder, name)
        except OSError as error:
            raise ConversionError(f"LibreOffice could not be started ({error.strerror or error})", name) from error
        converted = outdir / "document.docx"
        if result.returncode != 0 or not converted.is_file():
            detail = (result.stderr or result.stdout or b"").decode("utf-8", "replace").strip().splitlines()
            raise ConversionError(f"LibreOffice could not read it as a {suffix} document"
                                  f"{': ' + detail[-1][:160] if detail else ''}; open and save it again as .docx",
                                  name)
        return converted.read_bytes()
