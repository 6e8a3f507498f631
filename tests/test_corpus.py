"""Corpus readers: folders with metadata, .jsonl, datelines, and every kind of bad input."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from kg.corpus import scan
from kg.errors import CorpusError


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def test_folder_reads_articles_in_name_order_with_metadata(tmp_path):
    root = write(tmp_path / "c", {
        "b.txt": "Second article.",
        "a.txt": "First article.",
        "metadata.csv": "id,publisher,headline,url,date_published\n"
                        "a,Daily Planet,A headline,https://example.org/a,2021-03-04\nb,,,,\n",
    })
    corpus = scan(root)
    articles = list(corpus.articles())
    assert [a.id for a in articles] == ["a", "b"]
    assert articles[0].publisher == "Daily Planet"
    assert articles[0].headline == "A headline"
    assert articles[0].url == "https://example.org/a"
    assert articles[0].date_published == date(2021, 3, 4)
    assert (articles[1].publisher, articles[1].date_published) == (None, None)


def test_offsets_count_into_text_as_decoded_with_bom_dropped(tmp_path):
    root = write(tmp_path / "c", {"a.txt": "\ufeffCafé “quoted”\r\nnext".encode()})
    (article,) = scan(root).articles()
    assert article.text == "Café “quoted”\r\nnext"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" date 2020-09-11 Words follow.", date(2020, 9, 11)),
        ("Published: 2019-01-31\nWords.", date(2019, 1, 31)),
        ("The date 2020-09-11 is mid-text.", None),
        ("date 2020-13-45 is no date.", None),
    ],
)
def test_dateline_gives_the_date_when_metadata_has_none(tmp_path, text, expected):
    root = write(tmp_path / "c", {"a.txt": text})
    (article,) = scan(root).articles()
    assert article.date_published == expected
    assert article.date_from_dateline is (expected is not None)


def test_metadata_date_wins_over_dateline(tmp_path):
    root = write(tmp_path / "c", {"a.txt": "date 2020-09-11 Text.", "metadata.csv": "id,date_published\na,2020-09-12\n"})
    (article,) = scan(root).articles()
    assert article.date_published == date(2020, 9, 12)


def test_tsv_metadata_maps_other_datasets_columns_and_ignores_the_rest(tmp_path):
    root = write(tmp_path / "c", {
        "text/x.txt": "Body.",
        "metadata.tsv": "compartment\tfilename\tpublisher\tpublication_date\ttitle\n"
                        "train\tx\tThe Gazette\t2016-05-01\tA title\n",
    })
    (article,) = scan(root).articles()
    assert (article.id, article.publisher, article.headline) == ("x", "The Gazette", "A title")
    assert article.date_published == date(2016, 5, 1)


def test_jsonl_reads_id_text_and_metadata_fields(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [{"id": "n1", "text": "One.", "headline": "H", "section": "tech"}, {"id": "n2", "text": "Two."}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    corpus = scan(path)
    assert corpus.ids == ["n1", "n2"]
    assert [a.headline for a in corpus.articles()] == ["H", None]
    assert [a.id for a in corpus.articles({"n2"})] == ["n2"]


def test_folder_holding_one_jsonl_file_is_that_file(tmp_path):
    root = write(tmp_path / "c", {"articles.jsonl": '{"id": "n1", "text": "One."}\n{"id": "n2", "text": "Two."}\n'})
    corpus = scan(root)
    assert corpus.ids == ["n1", "n2"]
    assert [a.text for a in corpus.articles()] == ["One.", "Two."]


def bad_folder(tmp_path, files):
    return write(tmp_path / "c", files)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, ("{root}: no .txt articles in this folder. Put one article per .txt file in it, "
              "or one .jsonl file (one article a line).")),
        ({"a.jsonl": '{"id": "a", "text": "x"}', "b.jsonl": '{"id": "b", "text": "y"}'},
         "{root}: 2 .jsonl files and no .txt articles. Give one .jsonl file as the corpus, or join them into one."),
        ({"a.txt": b"caf\xe9"}, "{root}/a.txt: not UTF-8 (byte 3). Convert it, e.g. iconv -f latin1 -t utf-8."),
        ({"a.txt": b"\x89PNG\r\n\x1a\n\x00\x00"},
         "{root}/a.txt: a binary file, not text. Remove it from the corpus or convert it to UTF-8 text."),
        ({"a.txt": " \n\n "}, "{root}/a.txt: the article is empty. Remove it or give it text."),
        ({"a.txt": "x", "sub/a.txt": "y"},
         "{root}/sub/a.txt: duplicate article id 'a' (also {root}/a.txt). Rename one of the files."),
        ({"a.txt": "x", "metadata.csv": "id,author\na,Jo\n"},
         ("{root}/metadata.csv: unknown column(s) author. The columns are: id, publisher, headline, url, "
         "date_published (only id is required).")),
        ({"a.txt": "x", "metadata.csv": "publisher\nX\n"},
         "{root}/metadata.csv: no 'id' column. Add one holding each article's file name without .txt."),
        ({"a.txt": "x", "metadata.csv": "id,publisher\nb,X\n"},
         "{root}/metadata.csv, line 2: id 'b' matches no .txt file. Fix the id or remove the row."),
        ({"a.txt": "x", "metadata.csv": "id,publisher\na,X\na,Y\n"},
         "{root}/metadata.csv, line 3: id 'a' appears twice. Keep one row per article."),
        ({"a.txt": "x", "metadata.csv": "id,date_published\na,Sept 9\n"},
         "{root}/metadata.csv, line 2: date 'Sept 9' is not YYYY-MM-DD. Fix it or leave the cell empty."),
        ({"a.txt": "x", "metadata.csv": "id,publisher\na,X,extra\n"},
         "{root}/metadata.csv, line 2: 3 cells for 2 columns. Quote cells holding commas."),
        ({"a.txt": "x", "metadata.csv": "id,date_published\na,2020-08-20garbage\n"},
         ("{root}/metadata.csv, line 2: date '2020-08-20garbage' is not YYYY-MM-DD. Fix it or leave the cell "
          "empty.")),
        ({"a.txt": "x", "metadata.csv": "id,url\na,www.example.com/story\n"},
         ("{root}/metadata.csv, line 2: url 'www.example.com/story' is not an absolute URL without spaces "
          "(https://host/path). Fix it or leave it empty.")),
        ({"a.txt": "x", "metadata.csv": "id,url\na,https://example.com/a b\n"},
         ("{root}/metadata.csv, line 2: url 'https://example.com/a b' is not an absolute URL without spaces "
          "(https://host/path). Fix it or leave it empty.")),
    ],
)
def test_bad_folder_corpus_names_the_file_and_what_to_do(tmp_path, files, message):
    root = bad_folder(tmp_path, files)
    with pytest.raises(CorpusError) as e:
        scan(root)
    assert str(e.value) == message.format(root=root)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n',
         "{path}, line 2: duplicate article id 'a' (also line 1). Give every article its own id."),
        ('{"id": "a", "text": "x"}\n{"id": "b", "text": \n',
         "{path}, line 2: not valid JSON (Expecting value). Fix or remove the line."),
        ('["a", "x"]\n', "{path}, line 1: expected a JSON object with 'id' and 'text'."),
        ('{"text": "x"}\n',
         "{path}, line 1: missing or non-string 'id'. Every line needs 'id' and 'text' strings."),
        ('{"id": "a", "text": ""}\n', "{path}, line 1: the article is empty. Remove it or give it text."),
        ("\n\n", "{path}: no articles in this file. Put one JSON object per line with 'id' and 'text'."),
        ('{"id": "a", "text": "x", "publisher": {"name": "X"}}\n',
         "{path}, line 1: 'publisher' is a JSON dict, not a string. Give it as text, or leave it out."),
        ("[" * 100_000 + "]" * 100_000 + "\n",
         "{path}, line 1: not an article (nested too deep). Fix or remove the line."),
        ('{"id": "a", "text": "x", "n": ' + "9" * 5000 + "}\n",
         "{path}, line 1: not an article (a number too long to read). Fix or remove the line."),
    ],
)
def test_bad_jsonl_names_the_line_and_what_to_do(tmp_path, content, message):
    path = tmp_path / "c.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError) as e:
        scan(path)
    assert str(e.value) == message.format(path=path)


def test_missing_corpus_and_wrong_file_kind(tmp_path):
    with pytest.raises(CorpusError) as e:
        scan(tmp_path / "nope")
    assert str(e.value) == f"Corpus not found: {tmp_path / 'nope'}. Give a folder of .txt files or a .jsonl file."
    other = tmp_path / "a.csv"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(CorpusError) as e:
        scan(other)
    assert str(e.value) == f"{other}: not a corpus. Give a folder of .txt files or a .jsonl file (one article a line)."


def test_jsonl_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"id": "a", "text": "x"}\n{"id": "b", "text": "caf\xe9"}\n')
    with pytest.raises(CorpusError) as e:
        scan(path)
    assert str(e.value) == f"{path}, line 2: not UTF-8 (byte 24). Convert it, e.g. iconv -f latin1 -t utf-8."


def test_links_to_nothing_pipes_and_folders_named_like_articles_are_errors_naming_them(tmp_path):
    import os

    root = write(tmp_path / "c", {"a.txt": "An article."})
    (root / "gone.txt").symlink_to(root / "missing.txt")
    with pytest.raises(CorpusError) as e:
        scan(root)
    assert str(e.value) == (f"{root}/gone.txt: a link to a file that does not exist. Remove the link or "
                            "restore its file.")
    (root / "gone.txt").unlink()
    os.mkfifo(root / "pipe.txt")  # reading it would wait for a writer forever
    with pytest.raises(CorpusError) as e:
        scan(root)
    assert str(e.value) == f"{root}/pipe.txt: not a regular file (a pipe or a device). Remove it from the corpus."
    (root / "pipe.txt").unlink()
    (root / "x.txt").mkdir()
    with pytest.raises(CorpusError) as e:
        scan(root)
    assert str(e.value) == f"{root}/x.txt: a folder named like an article. Rename it (articles are .txt files)."


def test_unreadable_folders_and_files_stop_the_scan():
    import subprocess
    import sys
    import tempfile

    # Root reads everything whatever the mode: as root, scan without the capabilities that allow it
    # (util-linux's setpriv), as most users run kg.
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search",
            "--inh-caps=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    root = Path(tempfile.mkdtemp(prefix="kg-unreadable-"))
    try:
        root.chmod(0o755)
        write(root, {"a.txt": "An article.", "sub/b.txt": "Another.", "c.txt": "A third."})
        (root / "sub").chmod(0)
        probe = ("import sys\nfrom kg.corpus import scan\nfrom kg.errors import CorpusError\n"
                 "try:\n    scan(sys.argv[1])\nexcept CorpusError as e:\n    print(e)\n")
        run = subprocess.run([*drop, sys.executable, "-c", probe, str(root)], capture_output=True, text=True, check=False)
        assert run.stdout == (f"{root}/sub: cannot read this folder (Permission denied). Make it readable or move "
                              "it out of the corpus.\n"), run.stderr
        (root / "sub").chmod(0o755)
        (root / "c.txt").chmod(0)
        run = subprocess.run([*drop, sys.executable, "-c", probe, str(root)], capture_output=True, text=True, check=False)
        assert run.stdout == f"{root}/c.txt: cannot read this file (Permission denied). Make it readable or remove it.\n"
    finally:
        (root / "sub").chmod(0o755)
        import shutil

        shutil.rmtree(root)


def test_an_article_over_the_size_limit_is_refused_naming_the_file(tmp_path):
    from kg.corpus import MAX_ARTICLE_CHARS

    root = write(tmp_path / "c", {"book.txt": "A line of a book.\n" * (MAX_ARTICLE_CHARS // 18 + 1)})
    with pytest.raises(CorpusError) as e:
        scan(root)
    length = len((root / "book.txt").read_text())
    assert str(e.value) == (f"{root}/book.txt: {length:,} characters, over the 1,000,000 kg takes in one article "
                            "(a book or a dump, not a news article). Split it into articles.")
