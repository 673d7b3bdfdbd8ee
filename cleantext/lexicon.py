"""Word-frequency lookups and the never-split list, for the glued-words pass.

* ``zipf(word, lang)``: wordfreq's Zipf frequency (log10 per billion words; ``the`` is 7.7,
  a word seen once per million words is 3.0, unknown is 0.0). The frequency table of a
  language is loaded on first use, once per process, and lookups are cached. Reading
  wordfreq's data costs ~0.1 s a language, so a derived copy that loads in a few ms is kept
  in the per-user cache (:mod:`cleantext.cache`: ``~/.cache/cleantext`` unless
  ``CLEANTEXT_CACHE_DIR`` or ``XDG_CACHE_HOME`` says otherwise); it is only a shortcut: when
  it cannot be read or written, the data file is read as before, with the same results.
* The thresholds below say what "a frequent word", "a known word" and "a known whole token"
  mean. wordfreq also counts web glue (``ofthe`` is 3.3, ``theworld`` 1.9), which is why a
  whole token only vetoes a split above ``WHOLE_KNOWN`` and why the bar for the left part is
  high: glue almost always follows an article, a preposition or a conjunction.
* Closed word classes the rules need (abbreviations, honorifics, units and ordinals after a
  number, identifier prefixes, articles and prepositions for lowercase glue): grammar, so
  small hand-written sets rather than lexicon look-ups.
* ``never_split(extra, path)``: the shipped list (``data/never_split.txt``: brands and names
  with inner capitals) plus the user's tokens and file, compared case-insensitively.
"""

from __future__ import annotations

import contextlib
import gzip
import importlib.util
import math
import os
import struct
import sys
import zlib
from array import array
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from .cache import cache_dir, trusted, write_atomic

# Left part of a case or number split: a very frequent word (articles, prepositions,
# conjunctions, 'more', 'said'): fr 'selon' 5.56, en 'easy' 5.29 and 'air' 5.37 stay below.
LEFT_MIN = 5.5
# A left part this frequent may be followed by a name wordfreq does not know ('deBakhmout').
LEFT_STRONG = 6.0
# The right part is "a known word" from here (in the document's language, or in English).
RIGHT_KNOWN = 2.0
# A whole token this frequent is a word or a brand ('tostring' 1.7, 'laliga' 1.8): never split.
WHOLE_KNOWN = 1.5
# Glue of two frequent words shows up in wordfreq about this many Zipf points (1000x) below
# the rarer part; a whole token above that level is a word of its own ('youtube', 'lachine').
GLUE_DROP = 3.0
# After '. ! ? : ;' the right word must be a sentence starter this frequent ('The', 'Le',
# 'El', 'Die'); 'Class' 5.4, 'Match' 5.1 and 'Name' 5.6 (module.Class) stay below.
SENTENCE_START = 5.8
# Title+Title label glue ('AdvertisementThe'): the right part must be this frequent.
TITLE_RIGHT = 6.0
# Right part after a number ('15décembre', '200people').
NUMBER_WORD = 3.0
# With no known language, every frequency bar is raised by this much.
UNKNOWN_LANG_MARGIN = 0.5
# Languages tried when the document's language is unknown.
FALLBACK_LANGS = ("en", "fr", "de", "es")


@cache
def _table(lang: str) -> dict[str, float] | _Table:
    """The frequency table of ``lang`` (empty if wordfreq has none): ``get`` and ``len``."""
    quick = _read_data_file(lang)
    if quick is not None:
        return quick
    try:
        from wordfreq import available_languages, get_frequency_dict
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return {}
    if lang in available_languages(wordlist="large"):
        return get_frequency_dict(lang, wordlist="large")
    if lang in available_languages(wordlist="small"):
        return get_frequency_dict(lang, wordlist="small")
    return {}


def _read_data_file(lang: str) -> dict[str, float] | _Table | None:
    """What ``wordfreq.get_frequency_dict(lang, wordlist)`` gives for the 'large' list, else
    the 'small' one, read straight from wordfreq's data files (gzipped msgpack, a header then
    one list of words per centibel of frequency): importing wordfreq's API costs about as
    much as reading a table (langcodes, its tokenizers), and only the data is needed here.
    None when the files are not where wordfreq 3 keeps them: then the API is used.

    Reading a data file costs ~0.1 s (0.3 s for German), in every process, so the table is
    also saved in the per-user cache (see ``_Table``) and read from there next time."""
    if not (lang.isascii() and lang.isalpha()):
        return None
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    for wordlist in ("large", "small"):
        path = data / f"{wordlist}_{lang}.msgpack.gz"
        try:
            stat = path.stat()
        except OSError:
            continue
        cached = _cache_path(path, stat)
        table = _Table.load(cached) if cached else None
        if table is not None:
            return table
        buckets = _read_buckets(path)
        if buckets is None:
            return None
        freqs: dict[str, float] = {}
        for index, bucket in enumerate(buckets):
            freqs.update(dict.fromkeys(bucket, 10 ** (-index / 100)))  # wordfreq.cB_to_freq
        if cached:
            _Table.save(cached, buckets)
        return freqs
    return None if not data.is_dir() else {}


def _read_buckets(path: Path) -> list[list[str]] | None:
    """The lists of words of a wordfreq data file, most frequent first (index = centibels
    below a frequency of 1), or None if the file is not in the format this code knows."""
    try:
        import msgpack

        with gzip.open(path, "rb") as f:
            pack = msgpack.load(f, raw=False)
    except Exception:  # noqa: BLE001 - any surprise: let wordfreq read it
        return None
    head = pack[0] if isinstance(pack, list) and pack else None
    if not isinstance(head, dict) or head.get("format") != "cB" or head.get("version") != 1:
        return None
    return pack[1:]


# -- the per-user cache of frequency tables -----------------------------------------------

_CACHE_FORMAT = 1
_MAGIC = b"cleantext-lexicon\n"
_HEADER = struct.Struct("<16sII")  # byte order of the arrays, number of words, blob length


def _cache_path(source: Path, stat: os.stat_result) -> Path | None:
    """Where the table derived from ``source`` is cached: in :func:`cache_dir`, the name made
    of the data file's path (which install), size and modification time (a new wordfreq
    release rewrites its data files) and the cache format."""
    where = cache_dir()
    if where is None:
        return None
    place = zlib.crc32(str(source).encode("utf-8", "surrogatepass"))  # which install
    key = f"{_CACHE_FORMAT}|{stat.st_mtime_ns}".encode()
    name = source.name.split(".", 1)[0]  # large_en
    return where / f"{name}-{place:08x}-{stat.st_size}-{zlib.crc32(key):08x}.lex"


class _Table:
    """A frequency table as one sorted block of words, looked up by bisection.

    Loading it costs a file read (a few ms) instead of unpacking and hashing 300 000 words;
    ``get`` gives exactly what the dict built from the data file gives. File layout: magic,
    header, the words (UTF-8, sorted by bytes, no separators), their offsets (uint32, one
    more than words) and their centibel indices (uint16), arrays in the byte order named
    in the header.
    """

    __slots__ = ("_words", "_starts", "_cb")

    def __init__(self, words: bytes, starts: array, cb: array):
        self._words, self._starts, self._cb = words, starts, cb

    def __len__(self) -> int:
        return len(self._cb)

    def get(self, word: str, default: float = 0.0) -> float:
        try:
            key = word.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no word of the table has one
            return default
        words, starts = self._words, self._starts
        lo, hi = 0, len(self._cb)
        while lo < hi:
            mid = (lo + hi) // 2
            if words[starts[mid] : starts[mid + 1]] < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self._cb) and words[starts[lo] : starts[lo + 1]] == key:
            return 10 ** (-self._cb[lo] / 100)  # as in _read_data_file
        return default

    @classmethod
    def load(cls, path: Path) -> _Table | None:
        """The table cached at ``path``; None if missing, unreadable or not well formed."""
        if not trusted(path):
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        head = len(_MAGIC) + _HEADER.size
        if not data.startswith(_MAGIC) or len(data) < head:
            return None
        order, count, size = _HEADER.unpack_from(data, len(_MAGIC))
        if order.rstrip(b"\0") != sys.byteorder.encode() or len(data) != head + size + 4 * (count + 1) + 2 * count:
            return None
        starts, cb = array("I"), array("H")
        if starts.itemsize != 4 or cb.itemsize != 2:  # pragma: no cover - exotic platform
            return None
        starts.frombytes(data[head + size : head + size + 4 * (count + 1)])
        cb.frombytes(data[head + size + 4 * (count + 1) :])
        if starts[0] != 0 or starts[-1] != size:
            return None
        return cls(data[head : head + size], starts, cb)

    @staticmethod
    def save(path: Path, buckets: list[list[str]]) -> None:
        """Write the table of ``buckets`` to ``path`` atomically; on any error, do nothing
        (the cache only saves time)."""
        try:  # first make sure that the cache can be written: sorting costs more than reading
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return
        if not os.access(path.parent, os.W_OK):
            return
        try:
            index: dict[bytes, int] = {}
            for cb, bucket in enumerate(buckets):
                for w in bucket:
                    index[w.encode("utf-8")] = cb  # a later bucket wins, as in the dict
            keys = sorted(index)
            starts, cbs, pos = array("I", [0]), array("H"), 0
            for k in keys:
                pos += len(k)
                starts.append(pos)
                cbs.append(index[k])
        except (ValueError, OverflowError, UnicodeError):  # a table this format cannot hold
            return
        head = _MAGIC + _HEADER.pack(sys.byteorder.encode(), len(keys), pos)
        blob = b"".join((head, *keys, starts.tobytes(), cbs.tobytes()))
        if not write_atomic(path, blob):
            return
        # Copies derived from an older data file of the same install (before a wordfreq
        # upgrade) are stale; other installs (venvs sharing the cache) keep theirs.
        for stale in path.parent.glob(path.name.rsplit("-", 2)[0] + "-*.lex"):
            if stale != path:
                with contextlib.suppress(OSError):
                    stale.unlink()


@cache
def supported(lang: str | None) -> bool:
    return bool(lang) and bool(_table(lang))


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` (case-insensitive) in ``lang``; 0.0 when unknown."""
    freq = _table(lang).get(word.casefold(), 0.0)
    return round(math.log10(freq) + 9, 2) if freq > 0 else 0.0


def base_lang(lang: str | None) -> str | None:
    """'fr-CA' -> 'fr'; None or '' -> None."""
    if not lang:
        return None
    return lang.replace("_", "-").split("-", 1)[0].lower() or None


# -- closed word classes (small, hand-written: these are grammar, not vocabulary) ----------

# Abbreviations that a name may follow after a dot without a space ('Mr.Smith').
ABBREV = frozenset(
    "mr mrs ms dr st jr sr prof gen col lt sgt gov sen rep inc ltd co corp vs no nr fig vol "
    "dept mt ft ave av mme mlle me pr ste bzw ca vgl usw hr fr sra srta dra ud uds pág núm approx".split()
)
# Frequent words that are also common identifiers after 'module.' ('module.Name').
CODE_WORDS = frozenset(
    "new get set time home main data name type value list default error text next last "
    "first end start run add make use do is has can all any find show open close log where "
    "from out not".split()
)
# Particles that form Title+Title compounds (SignIn, AddOn, StartUp): never the right part.
PARTICLES = frozenset("in on up out off of to it for at by as so all with down over back".split())
# English prefixes of code identifiers (toString, isValid, getName, onClick).
CODE_PREFIX = frozenset(
    "get set is has to on can should did does add use init make create find update remove "
    "delete handle fetch parse load read write render build check validate reset clear do "
    # ...and of variable names and brands (newValue, lastName, myHeritage, allItems)
    "new old first last next my your all".split()
)
# ...but 'to' and 'on' also precede names ('toLondon', 'onMonday'): for them only these
# identifier words (and known whole tokens) mean code.
TO_ON_CODE = frozenset(
    "string array json object number fixed equal equals be have contain contains match throw "
    "upper lower click load change submit focus blur key mouse input error success complete "
    "ready init update data value list map set get int float bool boolean date promise resize "
    "scroll select drag drop touch press release enter leave show hide open close message event "
    "destroy mount unmount start stop end finish progress abort timeout string locale exponential "
    "precision buffer bytes text html element node file path url uri".split()
)
# Month names (en, fr, de, es): a left part for a number ('October12', 'décembre2019').
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "januar februar märz juni juli oktober dezember enero febrero marzo abril mayo junio julio "
    "agosto septiembre setiembre octubre noviembre diciembre".split()
)
# Titles of address: a left part before a capitalised name ('MissSmith', 'monsieurDupont').
HONORIFICS = frozenset(
    "mr mrs ms miss sir lord lady dame dr mme mlle madame monsieur mademoiselle herr frau "
    "señor señora señorita doña".split()
)
# Letters after a number that are units or ordinals, never a word to split off.
UNITS = frozenset(
    "min mins sec secs hrs hr kmh mph kph kwh mwh gwh twh mah bps kbps mbps gbps fps dpi ppi "
    "ppm ppb rpm bpm khz mhz ghz thz mol kcal cal lbs yrs yds pts px pcs bit bits byte bytes "
    "kbit mbit gbit mio mrd mds mld bn mln tys hab tsd ème eme ième ieme ère ere ers ères èmes "
    "era ero eros eras ros ras ten ter tes sten ste ster jh jhd nde nds ndes re res ier iers".split()
)
# Words before a number that make a label, not glue ('no1', 'vol2', 'ch3').
NUMBER_LABELS = frozenset("no nr num vol ch pt ep art sec fig".split())
# One-letter left parts that are words: French 'à', Spanish 'y'.
ONE_LETTER = {"fr": frozenset({"à"}), "es": frozenset({"y"})}
# Articles for the opt-in all-lowercase rule.
ARTICLES = {
    "en": ("the",),
    "fr": ("les", "le", "la", "une", "un", "des", "du"),
    "de": ("der", "die", "das", "dem", "den", "des", "eine", "einem", "einen", "einer", "ein"),
    "es": ("los", "las", "el", "la", "una", "un"),
}
# ...after one of these prepositions or conjunctions (not 'par': parle, parla are verbs).
FUNCTION_LEFT = {
    "en": frozenset("of in on to for from with at by and or but into onto over under after before about than as that".split()),
    "fr": frozenset("de à avec dans pour sur sous chez vers entre contre sans selon et ou mais que dès depuis pendant après avant".split()),
    "de": frozenset("in an auf aus bei mit nach von zu für über unter vor hinter neben zwischen durch gegen ohne um und oder aber dass".split()),
    "es": frozenset("de en con por para sin sobre entre desde hasta hacia contra según y o pero que".split()),
}


# -- the never-split list ---------------------------------------------------------------


def _parse(lines) -> frozenset[str]:
    out = set()
    for line in lines:
        token = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if token:
            out.add(token.casefold())
    return frozenset(out)


@cache
def shipped_never_split() -> frozenset[str]:
    """Tokens from cleantext/data/never_split.txt (one a line, '#' starts a comment)."""
    try:
        text = resources.files("cleantext").joinpath("data/never_split.txt").read_text("utf-8")
    except (FileNotFoundError, OSError):  # pragma: no cover - shipped with the package
        return frozenset()
    return _parse(text.splitlines())


@cache
def never_split(extra: tuple[str, ...] = (), path: str | None = None) -> frozenset[str]:
    """The shipped list, plus ``extra`` tokens and the tokens of the file at ``path``.

    Raises ValueError with a readable message if ``path`` cannot be read.
    """
    words = set(shipped_never_split())
    words.update(t.strip().casefold() for t in extra if t.strip())
    if path:
        try:
            text = Path(path).expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(
                f"never_split_file {path!r} cannot be read ({exc.__class__.__name__}): "
                "give a UTF-8 text file with one token per line"
            ) from None
        words.update(_parse(text.splitlines()))
    return frozenset(words)
