"""Shared paths for the import tests."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
IMPORT_FIXTURES = FIXTURES / "import"
SAMPLES = ROOT.parent / "shared" / "samples"
SAMPLE_TXT = SAMPLES / "2021-中韩示范区党政综合办公室.txt"
SEED_YAML = FIXTURES / "sample-2021.yaml"
