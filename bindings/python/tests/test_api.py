"""The package as a user meets it: same articles as the CLI, errors as
exception classes, options as keyword arguments, bytes as well as str."""
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import lectern
from conftest import pages, run_cli

STUB = Path(lectern.__file__).with_name("__init__.pyi")
LINKS = "<html><body><ul><li><a href='/a'>Markets</a></li><li><a href='/b'>Sport</a></li></ul></body></html>"


def cli_article(page, url, *flags):
    """The CLI's article, or None where it finds none (exit status 1)."""
    out = run_cli("--compact", "--url", url, *flags, input=page)
    if out.returncode == 1 and b"no article" in out.stderr:
        return None
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def article_or_kind(*args, **kwargs):
    try:
        return lectern.extract(*args, **kwargs)
    except lectern.LecternError as e:
        return e.kind


@pytest.mark.parametrize("name,url,body,ctype", pages(), ids=[p[0] for p in pages()])
def test_articles_equal_the_cli_output(name, url, body, ctype):
    charset = ctype.partition("charset=")[2] or None
    flags = ["--content-type", ctype] if charset else []
    expected = cli_article(body, url, *flags)
    if expected is None:
        with pytest.raises(lectern.NoArticle):
            lectern.extract(body, url, content_type=ctype)
        return
    got = lectern.extract(body, url, content_type=ctype)
    assert got == expected
    assert list(got) == list(expected)  # the same keys in the same order
    # str in gives the same as bytes in, once decoded the engine's way.
    text = lectern.decode_html(body, ctype)
    assert lectern.extract(text, url) == expected
    assert lectern.is_probably_readerable(body, url, content_type=ctype) == expected["readerable"]


def test_options_are_the_cli_options_in_snake_case():
    name, url, body, _ = next(p for p in pages() if p[0] == "harbor-bridge")
    plain = lectern.extract(body, url)
    assert "<img" in plain["content"]
    no_images = lectern.extract(body, url, keep_images=False, char_threshold=100)
    assert "<img" not in no_images["content"]
    assert no_images == cli_article(body, url, "--no-images", "--char-threshold", "100")


def test_every_error_kind_has_its_class_under_lectern_error():
    out = run_cli("--help")
    help_kinds = re.findall(r"^  ([A-Z][A-Za-z]+) {2,}", out.stdout.decode(), re.M)
    assert list(lectern.ERROR_KINDS) == help_kinds
    stub = STUB.read_text()
    for name in lectern.ERROR_KINDS:
        cls = getattr(lectern, name)
        assert issubclass(cls, lectern.LecternError) and cls is not lectern.LecternError
        assert cls.kind == name
        assert f"class {name}(LecternError)" in stub, f"{name} missing from the stub"
        assert name in lectern.__all__


def test_errors_raise_their_kind():
    with pytest.raises(lectern.NoArticle) as e:
        lectern.extract(LINKS)
    assert e.value.kind == "NoArticle"
    with pytest.raises(lectern.InvalidUrl):
        lectern.extract("<p>x</p>", "not a url")
    with pytest.raises(lectern.InputTooLarge):
        lectern.extract("<p>" + "x" * 100 + "</p>", max_input_bytes=10)
    with pytest.raises(lectern.InvalidInput):
        lectern.extract(42)
    with pytest.raises(lectern.InvalidOptions, match="char_treshold"):
        lectern.extract("<p>x</p>", char_treshold=3)
    with pytest.raises(lectern.InvalidOptions, match="keep_images"):
        lectern.extract("<p>x</p>", keep_images="yes")
    with pytest.raises(lectern.Io):
        lectern.extract_warc("/definitely/not/here.warc.gz")
    # The base class catches them all.
    with pytest.raises(lectern.LecternError):
        lectern.extract(LINKS)
    assert lectern.is_probably_readerable(LINKS) is False


def test_decode_html_follows_the_charset():
    sjis = "<p>路面電車</p>".encode("shift_jis")
    assert lectern.decode_html(sjis, "text/html; charset=shift_jis") == "<p>路面電車</p>"
    assert lectern.decode_html(bytearray(b"<p>caf\xc3\xa9</p>")) == "<p>café</p>"


def test_threads_give_the_same_articles():
    work = [(url, body) for _, url, body, _ in pages()] * 3
    one = [article_or_kind(b, u) for u, b in work]
    with ThreadPoolExecutor(4) as pool:
        many = list(pool.map(lambda w: article_or_kind(w[1], w[0]), work))
    assert many == one
    assert sum(isinstance(a, dict) for a in one) > len(one) // 2


def test_stub_and_package_metadata_ship():
    assert (Path(lectern.__file__).parent / "py.typed").exists()
    assert "def extract(" in STUB.read_text()
    assert lectern.__version__


def test_bytes_are_decoded_by_the_content_type_given():
    # Latin bytes that the detector would read as windows-1252, declared
    # ISO-8859-7 by the server: the declared charset wins, as in the CLI.
    text = "Le café du marché ouvre tôt, près de la gare, et ferme à midi. " * 12
    raw = f"<html><body><article><h1>Café</h1><p>{text}</p><p>{text}</p></article></body></html>".encode("cp1252")
    greek = "text/html; charset=iso-8859-7"
    article = lectern.extract(raw, "https://cafe.example/", content_type=greek, char_threshold=50)
    assert article == lectern.extract(raw.decode("iso-8859-7"), "https://cafe.example/", char_threshold=50)
    assert "café" not in article["textContent"]
    assert "café" in lectern.extract(raw, "https://cafe.example/", char_threshold=50)["textContent"]
    cli = run_cli("--compact", "--url", "https://cafe.example/", "--content-type", greek, "--char-threshold", "50", input=raw)
    assert json.loads(cli.stdout) == article
