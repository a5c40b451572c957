"""WeasyPrint printing the same HTML letters as pdf-bench, on WORKERS processes.

Prints one line in pdf-bench's form: letters, pages, wall seconds, CPU seconds (this process
and its workers), peak RSS (the workers' peaks and this process, summed).
"""
import multiprocessing
import pathlib
import resource
import sys
import time


def render(path):
    from weasyprint import HTML

    document = HTML(filename=str(path)).render()
    document.write_pdf(OUT / (path.stem + ".pdf") if OUT else None)
    return len(document.pages), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


OUT = None

if __name__ == "__main__":
    folder = pathlib.Path(sys.argv[1])
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    if len(sys.argv) > 3:
        OUT = pathlib.Path(sys.argv[3])
        OUT.mkdir(parents=True, exist_ok=True)
    letters = sorted(folder.glob("*.html"))
    start = time.monotonic()
    with multiprocessing.Pool(workers, initializer=lambda: __import__("weasyprint")) as pool:
        results = pool.map(render, letters, chunksize=8)
    wall = time.monotonic() - start
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    pages = sum(p for p, _ in results)
    peak = (children.ru_maxrss * workers + own.ru_maxrss) / 1024
    print(
        f"weasyprint letters={len(letters)} pdfs={len(results)} pages={pages} wall={wall:.2f}s "
        f"pages/s={pages / wall:.1f} cpu={cpu:.1f}s cpu-ms/page={cpu * 1000 / pages:.1f} (python) "
        f"peak-rss={peak:.0f}MB"
    )
