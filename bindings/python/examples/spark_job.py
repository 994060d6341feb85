"""A Spark job: articles from WARC files or from a table of pages, written to
Parquet. The same file runs in local mode and on a cluster (see the project
README, "Python and Spark"):

    spark-submit spark_job.py --warcs 's3a://bucket/crawl/*.warc.gz' --out s3a://bucket/articles/
    spark-submit spark_job.py --pages s3a://bucket/pages/ --out s3a://bucket/articles/

--warcs reads the files with Spark's binaryFile source, so any storage Spark
reads works; --pages reads Parquet with columns url, html (string or binary)
and optionally id.
"""
import argparse
import sys

from pyspark.sql import SparkSession

from lectern.spark import extract_pages, extract_warcs


def run(spark, argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--warcs", help="WARC files (a path or glob Spark can read)")
    source.add_argument("--pages", help="Parquet table of pages: url, html[, id]")
    parser.add_argument("--out", required=True, help="where the Parquet output goes")
    parser.add_argument("--no-images", action="store_true", help="drop images and figures")
    args = parser.parse_args(argv)
    options = {"keep_images": False} if args.no_images else {}
    if args.warcs:
        df = extract_warcs(spark.read.format("binaryFile").load(args.warcs), **options)
    else:
        df = extract_pages(spark.read.parquet(args.pages), **options)
    df.write.mode("overwrite").parquet(args.out)


if __name__ == "__main__":
    session = SparkSession.builder.appName("lectern").getOrCreate()
    run(session, sys.argv[1:])
    session.stop()
