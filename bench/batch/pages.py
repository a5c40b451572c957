"""Counts the pages of the PDFs under a folder (qpdf writes page objects into compressed
object streams, so they are inflated and searched). Prints: files pages."""
import pathlib
import re
import sys
import zlib

STREAM = re.compile(rb"/Type\s*/ObjStm[^>]*>>\s*stream\r?\n")
PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
files = pages = 0
for path in pathlib.Path(sys.argv[1]).rglob("*.pdf"):
    data = path.read_bytes()
    count = len(PAGE.findall(data))
    for match in STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        try:
            count += len(PAGE.findall(zlib.decompress(data[match.end():end])))
        except zlib.error:
            pass
    files += 1
    pages += count
print(files, pages)
