"""Shared fixtures: the repository's sample corpus, the shared data folder, and a real `rasd` subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample"
SHARED = Path(os.environ.get("RASD_SHARED", ROOT.parent / "shared"))


def run_rasd(*args: str, input: bytes | None = None, cwd: Path | None = None,
             timeout: float = 300, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a child process (as a user would), capturing its output."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "rasd", *args], input=input, cwd=cwd, capture_output=True,
                          timeout=timeout, env=env)


@pytest.fixture(scope="session")
def sample_records() -> list[dict]:
    with open(SAMPLE / "corpus.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="session")
def seed_record() -> dict:
    with open(SAMPLE / "seed.jsonl", encoding="utf-8") as fh:
        return json.loads(fh.readline())


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data folder not found at {SHARED}")
    return SHARED


def write_jsonl(path: Path, records: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path
