"""The wheel carries the built-in tables and rule files, so `pip install .` works."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_wheel_ships_tables_rules_and_type_marker(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    [wheel] = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for table in sorted((ROOT / "aliases").glob("*.yaml")):
        assert f"normalize/aliases/{table.name}" in names
    for data in sorted((ROOT / "normalize" / "data").glob("*.yaml")):
        assert f"normalize/data/{data.name}" in names
    assert "normalize/py.typed" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "normalize-file = normalize.cli:main" in zipfile.ZipFile(wheel).read(
        entry_points).decode()
