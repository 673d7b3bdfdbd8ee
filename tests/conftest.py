import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLEANTEXT_SHARED", ROOT.parent / "shared"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# The suite keeps its own per-user cache (lexicon tables, compiled patterns), so that it
# neither reads what another cleantext left in ~/.cache nor leaves anything there.
if "CLEANTEXT_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="cleantext-test-cache-")
    os.environ["CLEANTEXT_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, True)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
