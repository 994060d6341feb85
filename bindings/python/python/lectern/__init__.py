"""Lectern: reader-mode article extraction. Any news page in, a clean,
sanitized article out, with the same fields as the ``lectern`` CLI's JSON.

    >>> import lectern
    >>> article = lectern.extract(html, url="https://example.com/news/story")
    >>> article["title"], article["textContent"][:80]

Everything is implemented in Rust (``lectern._lectern``); the GIL is released
while a page is parsed and extracted, so threads run pages in parallel.
"""

from ._lectern import (  # noqa: F401  (the package's public names)
    ERROR_KINDS,
    LecternError,
    WarcRecords,
    __version__,
    decode_html,
    extract,
    extract_warc,
    is_probably_readerable,
)
from . import _lectern

# One exception class per error kind (lectern.NoArticle, lectern.InvalidUrl,
# ...), all subclasses of LecternError: the module makes them from the
# engine's own list, so they are taken from it by name here.
globals().update({name: getattr(_lectern, name) for name in ERROR_KINDS})

__all__ = [
    "ERROR_KINDS",
    "LecternError",
    "WarcRecords",
    "__version__",
    "decode_html",
    "extract",
    "extract_warc",
    "is_probably_readerable",
    *ERROR_KINDS,
]
