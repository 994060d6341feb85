# Type stubs of the lectern package (the module is compiled Rust).
from os import PathLike
from typing import Any, Dict, Iterator, List, Optional, Tuple, Union

__version__: str
ERROR_KINDS: Tuple[str, ...]

# An article: the keys of the CLI's JSON (camelCase, as Readability.js):
# title, byline, dir, lang, content, textContent, length, excerpt, siteName,
# publishedTime, leadImageUrl, wordCount, readingTimeMinutes, readerable.
Article = Dict[str, Any]

# A WARC record's result: id, url, then the article's keys, or error and
# errorKind.
WarcRecord = Dict[str, Any]

Html = Union[str, bytes, bytearray]

class LecternError(Exception):
    kind: Optional[str]

class NoArticle(LecternError): ...
class InputTooLarge(LecternError): ...
class TooManyElements(LecternError): ...
class InvalidUrl(LecternError): ...
class InvalidOptions(LecternError): ...
class InvalidInput(LecternError): ...
class InvalidArticle(LecternError): ...
class InvalidLine(LecternError): ...
class InvalidRecord(LecternError): ...
class Io(LecternError): ...
class Internal(LecternError): ...

# The options are the engine's, in snake_case: char_threshold,
# nb_top_candidates, max_input_bytes, max_elements, max_depth,
# max_attributes, keep_classes, classes_to_preserve, keep_images,
# keep_tables, keep_code. An unknown one raises InvalidOptions.
def extract(
    html: Html,
    url: Optional[str] = None,
    *,
    content_type: Optional[str] = None,
    char_threshold: int = ...,
    nb_top_candidates: int = ...,
    max_input_bytes: int = ...,
    max_elements: int = ...,
    max_depth: int = ...,
    max_attributes: int = ...,
    keep_classes: bool = ...,
    classes_to_preserve: List[str] = ...,
    keep_images: bool = ...,
    keep_tables: bool = ...,
    keep_code: bool = ...,
) -> Article: ...
def is_probably_readerable(
    html: Html,
    url: Optional[str] = None,
    *,
    content_type: Optional[str] = None,
    char_threshold: int = ...,
    nb_top_candidates: int = ...,
    max_input_bytes: int = ...,
    max_elements: int = ...,
    max_depth: int = ...,
    max_attributes: int = ...,
    keep_classes: bool = ...,
    classes_to_preserve: List[str] = ...,
    keep_images: bool = ...,
    keep_tables: bool = ...,
    keep_code: bool = ...,
) -> bool: ...
def decode_html(data: Union[bytes, bytearray], content_type: Optional[str] = None) -> str: ...

class WarcRecords(Iterator[WarcRecord]):
    @property
    def skipped(self) -> int: ...
    def __iter__(self) -> "WarcRecords": ...
    def __next__(self) -> WarcRecord: ...

def extract_warc(
    source: Union[str, "PathLike[str]", bytes, bytearray],
    *,
    char_threshold: int = ...,
    nb_top_candidates: int = ...,
    max_input_bytes: int = ...,
    max_elements: int = ...,
    max_depth: int = ...,
    max_attributes: int = ...,
    keep_classes: bool = ...,
    classes_to_preserve: List[str] = ...,
    keep_images: bool = ...,
    keep_tables: bool = ...,
    keep_code: bool = ...,
) -> WarcRecords: ...
