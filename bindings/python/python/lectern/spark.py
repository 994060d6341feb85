"""Lectern on Apache Spark: the package runs inside ``mapInPandas`` on the
executors, one Arrow batch of pages at a time; the GIL is released while a
page is extracted.

    from lectern.spark import extract_pages, extract_warcs

    pages = spark.read.parquet("s3a://bucket/pages/")          # url, html
    extract_pages(pages).write.parquet("s3a://bucket/articles/")

    warcs = spark.read.format("binaryFile").load("s3a://bucket/crawl/*.warc.gz")
    extract_warcs(warcs).write.parquet("s3a://bucket/warc-articles/")

Every output row has ``id``, ``url``, the article's columns (the keys of
the CLI's JSON) and ``error``/``errorKind`` (null for an article): the rows
of ``lectern --batch`` / ``lectern --warc``, one per page or record.

pyspark, pandas and pyarrow are the caller's (the Spark job's), not
dependencies of the package; the executors need the lectern wheel installed
(``spark-submit --py-files`` cannot ship a compiled module: use
``--archives`` with a packed venv, or install the wheel on the nodes).
"""

from typing import Any, Dict, Iterator, List

# The article's columns and their Spark types, in the CLI's key order. The
# tests check this list against what lectern.extract returns.
ARTICLE_COLUMNS = [
    ("title", "string"),
    ("byline", "string"),
    ("dir", "string"),
    ("lang", "string"),
    ("content", "string"),
    ("textContent", "string"),
    ("length", "long"),
    ("excerpt", "string"),
    ("siteName", "string"),
    ("publishedTime", "string"),
    ("leadImageUrl", "string"),
    ("wordCount", "long"),
    ("readingTimeMinutes", "long"),
    ("readerable", "boolean"),
]
COLUMNS = ["id", "url"] + [name for name, _ in ARTICLE_COLUMNS] + ["error", "errorKind"]
# The output schema, as a DDL string for mapInPandas.
SCHEMA = ", ".join(
    ["id string", "url string"]
    + [f"{name} {kind}" for name, kind in ARTICLE_COLUMNS]
    + ["error string", "errorKind string"]
)
# Rows per output batch when one WARC file yields many records.
_BATCH_ROWS = 1000


def _frame(rows: List[Dict[str, Any]]):
    import pandas as pd

    # Object columns: ints, bools and None stay as they are (a column built
    # from dicts with missing keys would turn ints into floats with NaN,
    # which Spark's long refuses; pandas' nullable dtypes reach Arrow as
    # chunked arrays, which pyspark 4.0 refuses).
    columns = {name: [r.get(name) for r in rows] for name in COLUMNS}
    columns["id"] = [None if v is None else str(v) for v in columns["id"]]
    return pd.DataFrame(columns, columns=COLUMNS, dtype=object)


def _page_row(id_, url, html, options):
    import lectern

    try:
        return {"id": id_, "url": url, **lectern.extract(html, url, **options)}
    except lectern.LecternError as e:
        return {"id": id_, "url": url, "error": str(e), "errorKind": e.kind}


def extract_pages(df, id_col="id", url_col="url", html_col="html", **options):
    """A DataFrame of pages (``html`` as string or binary, ``url``, and an
    optional ``id``; missing ``id`` uses the url) to a DataFrame of articles,
    one row per page. ``options`` are lectern.extract's keyword options."""
    has_id = id_col in df.columns

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        for batch in batches:
            ids = batch[id_col] if has_id else batch[url_col]
            rows = [
                _page_row(i, u, h, options)
                for i, u, h in zip(ids, batch[url_col], batch[html_col])
            ]
            yield _frame(rows)

    return df.mapInPandas(run, schema=SCHEMA)


def extract_warcs(df, path_col="path", content_col="content", **options):
    """A DataFrame of WARC files to a DataFrame of articles, one row per HTML
    response record. Either ``spark.read.format("binaryFile")`` (a
    ``content`` column of the file's bytes: works on any storage Spark
    reads) or a ``path`` column of paths every executor can open."""
    use_content = content_col in df.columns

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import lectern

        for batch in batches:
            sources = batch[content_col] if use_content else batch[path_col]
            for source in sources:
                rows = []
                for record in lectern.extract_warc(bytes(source) if use_content else source, **options):
                    rows.append(record)
                    if len(rows) == _BATCH_ROWS:
                        yield _frame(rows)
                        rows = []
                if rows:
                    yield _frame(rows)

    return df.mapInPandas(run, schema=SCHEMA)
