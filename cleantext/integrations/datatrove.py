"""A datatrove formatter block that runs a cleantext pipeline over each document.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleantext.integrations.datatrove import CleantextFormatter

    LocalPipelineExecutor(
        pipeline=[JsonlReader("in/"), CleantextFormatter(lang="fr"), JsonlWriter("out/")],
        tasks=8, workers=4, logging_dir="logs/",
    ).run()

The keyword arguments are cleantext options, exactly as for :func:`cleantext.clean`
(``only=["whitespace"]``, ``style="plain"``, ``tz_alias={"IST": "Asia/Kolkata"}``, …). They
are checked when the block is built, so a typo fails before any task is launched.

The block keeps only those options in its state and builds the pipeline on first use in each
worker, so it pickles small and safely to datatrove's worker processes, Slurm jobs and Ray
tasks. Each task's stats (``stats.json`` under the logging directory) count, besides datatrove's
``total`` and time: ``changed`` (documents whose text changed) and, per pass, ``<pass>_docs``
(documents the pass changed) and ``<pass>_edits`` (edits it made).

``provenance=True`` also stores in ``doc.metadata["cleantext"]`` the number of edits per pass
(only for changed documents). ``lang_key="language"`` reads each document's language from that
metadata field (as set by datatrove's language filters) instead of detecting it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

try:
    from datatrove.pipeline.formatters.base import BaseFormatter
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "cleantext.integrations.datatrove needs datatrove: pip install 'cleantext[datatrove]'"
    ) from exc

from ..options import Options
from ..pipeline import Pipeline

__all__ = ["CleantextFormatter"]


class CleantextFormatter(BaseFormatter):
    """Clean ``doc.text`` with a cleantext pipeline built from ``options``."""

    name = "🧹 cleantext"

    def __init__(self, *, provenance: bool = False, lang_key: str | None = None, **options: Any):
        super().__init__()
        Options.from_mapping(options)  # fail now on an unknown option or a bad value
        self.options: dict[str, Any] = dict(options)
        self.provenance = provenance
        self.lang_key = lang_key
        self._pipeline: Pipeline | None = None

    # Only the options travel to the workers; each one builds its own pipeline.
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_pipeline"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(Options.from_mapping(self.options))
        return self._pipeline

    def format(self, text: str) -> str:
        return self.pipeline.run(text).text

    def run(self, data, rank: int = 0, world_size: int = 1) -> Iterator:
        pipeline = self.pipeline
        for doc in data:
            self.stat_update(StatHints.total)
            lang = doc.metadata.get(self.lang_key) if self.lang_key else None
            with self.track_time():
                cleaned = pipeline.run(doc.text, lang=lang if isinstance(lang, str) else None)
            counts = cleaned.counts()
            if cleaned.changed:
                self.stat_update("changed")
                doc.text = cleaned.text
                if self.provenance:
                    doc.metadata["cleantext"] = counts
            for name, n in counts.items():
                self.stat_update(f"{name}_docs")
                self.stat_update(f"{name}_edits", value=n)
            yield doc
