"""glued-words: put back the space that HTML extraction lost between two words.

* ``avec laRussie`` → ``avec la Russie``; ``said theMinistry`` → ``said the Ministry``
* ``Read moreWorld news`` → ``Read more World news``; ``AdvertisementThe`` → ``Advertisement The``
* ``conflict.The talks`` → ``conflict. The talks``; ``dit.»Le`` → ``dit.» Le``
* ``dansl'Union`` → ``dans l'Union`` (French)
* ``in2014`` → ``in 2014``; ``15décembre`` → ``15 décembre``; ``200people`` → ``200 people``
* with ``glue_lowercase``: ``ofthe`` → ``of the``, ``avecle`` → ``avec le``

Why: a page's links, headings and labels are separate HTML elements; text extraction often
joins them with no space, and the joined tokens break search, counts and reading.

A split needs two independent signals that agree: a *boundary* (lower→Upper, sentence
punctuation followed by a capital, letter↔digit, an elided article before a capital) found by
a regex scan, and *lexicon evidence* (wordfreq, in the document's language): the left part is
a very frequent word, the right part a known word, and the whole token is not itself a known
word. Only the few candidate tokens the scan finds are looked up.

When it does NOT act:

* brands and names with inner capitals: iPhone, eBay, YouTube, McDonald, LaLiga, DiCaprio,
  DeSantis, OpenAI, easyJet (Title+Title, one-letter prefixes, known whole tokens, and the
  never-split list: ``data/never_split.txt`` + ``never_split`` + ``never_split_file``);
* units and science (mAh, kWh, pH, mRNA), numbers with units or ordinals (1er, 2e, 1st, 10km,
  250g, 19h30, 5G, 4K, covid19, mp3, G20, 2.30pm, 3.14);
* code: ``toString``, ``getElementById``, ``module.Class``, ``regex.Match``, ``file.txt``; a
  paragraph that looks like code is left alone entirely; URLs, e-mails, @handles, #hashtags;
* abbreviations (``U.S.``, ``e.g.``), German compounds, Title+Title words unless the right
  part is a very frequent word (``AdvertisementThe``);
* all-lowercase glue unless ``glue_lowercase`` is set, and then only article after a
  function word;
* unknown language: the same rules, with the evidence required in one of en/fr/de/es and
  every frequency bar raised.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .. import lexicon as lx
from ..edits import apply_edits, compose, result_from_edits
from ..glued_doc import Doc, Scan
from ..glued_rules import find_edits
from ..model import Context, PassResult
from ..options import Options

__all__ = ["PASS", "GluedWords"]

@dataclass(frozen=True, slots=True)
class GluedWords:
    name: ClassVar[str] = "glued-words"
    summary: ClassVar[str] = "split words glued by text extraction (laRussie, conflict.The, in2014)"

    glue_lowercase: bool = False
    never_split: frozenset[str] = frozenset()

    @classmethod
    def from_options(cls, options: Options) -> GluedWords:
        words = lx.never_split(tuple(options.never_split), options.never_split_file)
        return cls(glue_lowercase=options.glue_lowercase, never_split=words)

    def __call__(self, text: str, ctx: Context) -> PassResult:
        if not text:
            return PassResult(text)
        lang = lx.base_lang(ctx.lang if ctx is not None else None)
        if lang and lx.supported(lang):
            scan = Scan((lang,), 0.0, lang, self.glue_lowercase)
        else:
            scan = Scan(lx.FALLBACK_LANGS, lx.UNKNOWN_LANG_MARGIN, None, False)
        never = self.never_split or lx.shipped_never_split()
        # Each split can reveal no new candidate in practice, but run to a fixed point (at
        # most three rounds) so that the pass is idempotent by construction.
        # A later round looks only around the splits of the previous one: elsewhere every
        # candidate sees the same token, line and paragraph, so it gets the same verdict
        # (rejected: an accepted one was split, which is a change).
        current, edits, doc, regions = text, [], Doc(text, never), None
        for _ in range(3):
            found = find_edits(doc, scan, regions)
            if not found:
                break
            edits = compose(text, edits, current, found) if edits else found
            current = apply_edits(current, found)
            doc, offsets, shift = Doc(current, never), [], 0
            for e in found:
                offsets.append(e.start + shift)
                shift += len(e.after) - (e.end - e.start)
            regions = doc.around(offsets, shift)
        return result_from_edits(text, edits) if edits else PassResult(text)


PASS = GluedWords

