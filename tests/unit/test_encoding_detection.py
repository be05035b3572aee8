"""The search for a multi-byte UTF-8 sequence (reading.py), which decides whether a file that is not
valid UTF-8 is UTF-8 with some rows in another encoding or Windows-1252 throughout, against
Python's regular expression of the same sequences."""

import random
import re

import pytest

from pipelines.ingest.reading import MIXED, detect_encoding, has_utf8_sequence

pytestmark = pytest.mark.unit

UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# bytes at the edges of each range, and some ASCII
EDGES = bytes([0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xEF, 0xF0, 0xF4, 0xF5])


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"A",
        b"\xc3",
        b"\xc3\xb1",  # ñ
        b"ENSE\xd1ANZA",  # Ñ in Windows-1252
        b"x\xe2\x82",  # a three-byte sequence cut at the end
        b"x\xe2\x82\xac",  # €
        b"\xf0\x9f\x98",
        b"\xf0\x9f\x98\x80",
        b"\xf5\x80\x80\x80",
        b"\xc1\x80",
    ],
)
def test_named_cases(data):
    assert has_utf8_sequence(data) is bool(UTF8_SEQUENCE.search(data))


def test_random_bytes_near_the_ranges_edges():
    chooser = random.Random(2026)
    for _ in range(3000):
        data = bytes(chooser.choice(EDGES) for _ in range(chooser.randint(0, 12)))
        assert has_utf8_sequence(data) is bool(UTF8_SEQUENCE.search(data)), data


def test_a_file_partly_utf8_is_mixed_and_one_in_windows_1252_is_cp1252(tmp_path):
    utf8_rows = "cve_unidad,categoria\nESIME,ENSEÑANZA\n".encode()
    cp1252_row = "ESIA,ENSEÑANZA\n".encode("cp1252")
    assert detect_encoding(utf8_rows + cp1252_row, tmp_path / "x.csv") == MIXED
    assert detect_encoding(cp1252_row * 3, tmp_path / "x.csv") == "cp1252"
