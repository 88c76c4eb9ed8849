"""The OCR benchmark: how well and how fast ``archive_builder.inventory.readers.ocr`` reads generated scans.

    python benchmarks/ocr.py [--pages 20] [--seeds /work/shared/seeds] [--no-tesseract] [--stock] [--readme]

Renders ``--pages`` pages of Chinese policy text (sentences drawn at run time from the seed documents,
laid out as 红头文件 by ``tests/fixtures/make_scans.py``; about half carry the mark 机密★5年, a third a
table) in three conditions: the clean render, a flatbed scan and a phone photo. Each page is
recognised in this one process and compared with its ground truth. Printed as a Markdown table:

- CER: Levenshtein distance over the ground-truth length, summed over all pages, on NFKC text with
  all whitespace removed (reading order counts: a line read in the wrong place costs its length twice);
- pages/min: pages over the wall time of the recognition calls alone (not rendering), one process;
- 机密 found: pages with the mark whose ``head_text`` contains 机密; false 机密: pages without it whose
  head text does.

If Debian ``tesseract`` with ``chi_sim`` is installed it reads the same images (PNG, ``--psm 3``,
``OMP_THREAD_LIMIT`` = the OCR thread count), its head text being the words whose box starts in the
top quarter. ``--stock`` adds RapidOCR with its own default settings (colour input, per-line
direction model) behind the same scaling and reading order. ``--readme`` appends the results as a section to ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests" / "fixtures"))
sys.path.insert(0, str(REPO))

from archive_builder.inventory.readers import ocr  # noqa: E402 - the checkout, through the path set above

import make_scans  # noqa: E402 - a fixture script, not a package; found through the path set above

SEEDS = Path("/work/shared/seeds")
#: The simplified-character seed files; 000_90fc… is the same text as captured (traditional, glossed).
SEED_FILES = ("000_simplified_reading_copy.txt", "001_f1f952d432b6aba3.txt")
MARK = "机密★5年"
#: Web-page chrome in the captured seeds, never part of a document.
CHROME = re.compile(r"网站|ICP|登录|注册|首页|浏览器|分辨率|索\s*引|发布日期|来源|主办|承办|版权|IPv6|智能问答")

ISSUERS = ["示范县教育科技局", "示范县人民政府办公室", "示范县财政局", "示范县人力资源和社会保障局", "示范县住房和城乡建设局"]
PREFIXES = {"示范县教育科技局": "示教发", "示范县人民政府办公室": "示政办发", "示范县财政局": "示财教",
            "示范县人力资源和社会保障局": "示人社发", "示范县住房和城乡建设局": "示建发"}
TITLES = [
    "关于做好义务教育均衡发展迎检工作的通知", "关于报送学校标准化建设台账的通知", "关于开展教师交流轮岗工作的实施意见",
    "关于加强农村寄宿制学校管理的通知", "关于下达义务教育薄弱学校改造资金的通知", "关于消除大班额工作的实施方案",
    "关于进一步规范中小学办学行为的通知", "关于建立控辍保学工作机制的意见",
]
ADDRESSEES = ["各乡镇中心校、县直各学校：", "各乡（镇）人民政府，县直有关单位：", "各有关单位："]
CONDITIONS: dict[str, Callable[[Image.Image, int], Image.Image]] = {
    "clean": lambda img, seed: img,
    "scan": make_scans.scan,
    "phone photo": make_scans.phone_photo,
}


@dataclass
class Page:
    """One generated page and its ground truth."""

    lines: list[str]
    mark: str | None
    table: list[list[str]] | None
    seed: int

    @property
    def truth(self) -> str:
        """The text the page shows."""
        return make_scans.page_text(self.lines, self.mark, self.table)


@dataclass
class Tally:
    """What one engine did in one condition."""

    pages: int = 0
    errors: int = 0
    truth_chars: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    marked: int = 0
    mark_found: int = 0
    false_marks: int = 0
    per_page: list[float] = field(default_factory=list)

    def add(self, truth: str, text: str, head: str, seconds: tuple[float, float], marked: bool) -> None:
        """Count one page read in (wall, CPU) seconds."""
        reference = make_scans.normalise(truth)
        distance = make_scans.levenshtein(reference, make_scans.normalise(text))
        self.pages += 1
        self.errors += distance
        self.truth_chars += len(reference)
        self.seconds += seconds[0]
        self.cpu_seconds += seconds[1]
        self.per_page.append(distance / max(1, len(reference)))
        if marked:
            self.marked += 1
            self.mark_found += "机密" in head
        else:
            self.false_marks += "机密" in head

    @property
    def cer(self) -> float:
        """Character error rate over all pages."""
        return self.errors / max(1, self.truth_chars)

    @property
    def pages_per_minute(self) -> float:
        """Pages recognised per minute of wall time."""
        return 60.0 * self.pages / self.seconds if self.seconds else 0.0


# --- text ------------------------------------------------------------------------------------

def sentences(seeds: Path) -> list[str]:
    """Body sentences of the seed documents: Chinese, 12–90 characters, no web-page chrome."""
    found: list[str] = []
    for name in SEED_FILES:
        text = (seeds / name).read_text(encoding="utf-8", errors="replace")
        for line in text.splitlines():
            line = line.strip().replace("?", "")
            if CHROME.search(line) or sum("\u4e00" <= ch <= "\u9fff" for ch in line) < 12:
                continue
            for sentence in re.findall(r"[^。；]+[。；]", line):
                if 12 <= len(sentence) <= 90 and _printable(sentence):
                    found.append(sentence)
    if len(found) < 40:
        raise SystemExit(f"too few sentences in {seeds} ({len(found)}); pass --seeds")
    return found


def _printable(sentence: str) -> bool:
    """Whether every character is in GB 2312, which drops the capture's mojibake (确!叭齻€…)."""
    try:
        sentence.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return "!" not in sentence


def make_pages(count: int, pool: Sequence[str], seed: int = 2017) -> list[Page]:
    """count pages of varied documents; deterministic for a seed."""
    rng = random.Random(seed)
    pages = []
    for n in range(count):
        issuer = ISSUERS[n % len(ISSUERS)]
        year = 2014 + n % 4
        lines = [f"{issuer}文件", f"{PREFIXES[issuer]}〔{year}〕{rng.randint(1, 60)}号", rng.choice(TITLES),
                 rng.choice(ADDRESSEES)]
        body = [_paragraph(rng, pool) for _ in range(rng.randint(2, 3))]
        signature = [issuer, f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"]
        mark = MARK if n % 2 == 0 else None
        table = _table(rng) if n % 3 == 1 else None
        pages.append(_fitting(Page(lines + body + signature, mark, table, seed=n)))
    return pages


def _paragraph(rng: random.Random, pool: Sequence[str]) -> str:
    """Two or three consecutive seed sentences (neighbours read as one paragraph)."""
    start = rng.randrange(len(pool) - 3)
    return "".join(pool[start:start + rng.randint(2, 3)])


def _table(rng: random.Random) -> list[list[str]]:
    """A small ledger table of schools."""
    rows = [["学校", "学生数", "专任教师", "交流人数"]]
    for name in rng.sample(["城关小学", "河西中学", "石门小学", "东关初级中学", "南街小学", "北城九年制学校"], 3):
        rows.append([name, str(rng.randint(80, 1500)), str(rng.randint(6, 90)), str(rng.randint(0, 9))])
    return rows


def _fitting(page: Page) -> Page:
    """The page with its last body paragraph shortened until it fits on A4."""
    while True:
        try:
            make_scans.render_page(page.lines, mark=page.mark, table=page.table, seed=page.seed)
            return page
        except ValueError:
            body = page.lines[-3]
            if len(body) <= 20:
                page.lines.pop(-3)
            else:
                cut = body[: int(len(body) * 0.8)].rstrip("，、；")
                page.lines[-3] = cut + "。"


# --- engines ---------------------------------------------------------------------------------

def run_rapidocr(image: Image.Image) -> tuple[str, str, tuple[float, float]]:
    """Text, head text and (wall, CPU) seconds of one recognise call."""
    started, cpu = time.perf_counter(), time.process_time()
    page = ocr.recognise(image)
    return page.text, page.head_text, (time.perf_counter() - started, time.process_time() - cpu)


_stock: list[object] = []


def run_stock_rapidocr(image: Image.Image) -> tuple[str, str, tuple[float, float]]:
    """The same call on RapidOCR as it comes (colour input, line-direction model, its score cut-off).

    Only the engine's settings and the gray conversion differ: the image is scaled and the lines
    are put in reading order by the module's own code, so the difference is what those choices buy.
    """
    import numpy as np
    from rapidocr_onnxruntime import RapidOCR

    if not _stock:
        _stock.append(RapidOCR(intra_op_num_threads=ocr.threads(), inter_op_num_threads=1))
    started, cpu = time.perf_counter(), time.process_time()
    rgb = ocr._prepare(image)
    result, _ = _stock[0](np.ascontiguousarray(np.asarray(rgb)[:, :, ::-1]))
    found = [(quad, str(text).strip(), float(score)) for quad, text, score in result or []]
    page = ocr.OcrPage(ocr._lines(found, rgb.size), rgb.width, rgb.height)
    return page.text, page.head_text, (time.perf_counter() - started, time.process_time() - cpu)


def tesseract_available() -> bool:
    """Whether tesseract with simplified-Chinese data is installed."""
    exe = shutil.which("tesseract")
    if not exe:
        return False
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, check=False)
    return "chi_sim" in (out.stdout + out.stderr).split()


def run_tesseract(image: Image.Image, workdir: Path) -> tuple[str, str, tuple[float, float]]:
    """Text, head text and (wall, CPU) seconds of one tesseract run (TSV output, so the head has boxes)."""
    path = workdir / "page.png"
    image.save(path)
    env = {**os.environ, "OMP_THREAD_LIMIT": str(ocr.threads())}
    started, cpu = time.perf_counter(), _children_cpu()
    out = subprocess.run(["tesseract", str(path), "stdout", "-l", "chi_sim", "--psm", "3", "tsv"],
                         capture_output=True, text=True, env=env, check=True)
    seconds = (time.perf_counter() - started, _children_cpu() - cpu)
    lines: dict[tuple[str, ...], list[str]] = {}
    head: list[str] = []
    for row in out.stdout.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        lines.setdefault(tuple(cols[1:5]), []).append(cols[11])
        if int(cols[7]) < image.height * ocr.HEAD_FRACTION:
            head.append(cols[11])
    return "\n".join("".join(words) for words in lines.values()), "".join(head), seconds


def _children_cpu() -> float:
    """CPU seconds used so far by this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --- the run ---------------------------------------------------------------------------------

def measure(pages: Sequence[Page], use_tesseract: bool, stock: bool) -> dict[tuple[str, str], Tally]:
    """Recognise every page in every condition with every engine; tallies by (engine, condition)."""
    tallies: dict[tuple[str, str], Tally] = {}
    with tempfile.TemporaryDirectory() as tmp:
        engines: dict[str, Callable[[Image.Image], tuple[str, str, tuple[float, float]]]] = {
            "archive_builder.inventory.readers.ocr": run_rapidocr}
        if stock:
            engines["rapidocr, stock settings"] = run_stock_rapidocr
        if use_tesseract:
            engines["tesseract chi_sim"] = lambda image: run_tesseract(image, Path(tmp))
        for condition, page, image in _images(pages):
            for name, run in engines.items():
                text, head, seconds = run(image)
                tallies.setdefault((name, condition), Tally()).add(page.truth, text, head, seconds, bool(page.mark))
    return tallies


def _images(pages: Sequence[Page]) -> Iterator[tuple[str, Page, Image.Image]]:
    """Every (condition, page) pair with its degraded image, condition by condition."""
    for condition, degrade in CONDITIONS.items():
        for page in pages:
            clean = make_scans.render_page(page.lines, mark=page.mark, table=page.table, seed=page.seed)
            yield condition, page, degrade(clean, page.seed)


def table(tallies: dict[tuple[str, str], Tally]) -> str:
    """The results as a Markdown table."""
    rows = ["| engine | condition | pages | CER | worst page CER | pages/min | s/page | CPU s/page | 机密 found | false 机密 |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    ordered = [(engine, condition) for engine in dict.fromkeys(e for e, _ in tallies) for condition in CONDITIONS]
    for engine, condition in (pair for pair in ordered if pair in tallies):
        t = tallies[engine, condition]
        rows.append(f"| {engine} | {condition} | {t.pages} | {t.cer:.3f} | {max(t.per_page):.3f} | "
                    f"{t.pages_per_minute:.1f} | {t.seconds / t.pages:.2f} | {t.cpu_seconds / t.pages:.2f} | "
                    f"{t.mark_found}/{t.marked} | "
                    f"{t.false_marks}/{t.pages - t.marked} |")
    return "\n".join(rows)


def machine() -> str:
    """CPU model and core count, for the record."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores"


def versions() -> str:
    """Versions of the engine packages."""
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for name in ("rapidocr-onnxruntime", "onnxruntime", "Pillow", "numpy"):
        try:
            parts.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            pass
    if shutil.which("tesseract"):
        out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=False)
        parts.append((out.stdout or out.stderr).splitlines()[0])
    return ", ".join(parts)


def readme_section(result: str, command: str, load_seconds: float, loads: tuple[float, float]) -> str:
    """The README section recording this run."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                            text=True, check=False).stdout.strip() or "unknown"
    return (
        f"\n## OCR\n\n"
        f"`benchmarks/ocr.py` renders Chinese policy pages (sentences from the seed documents, laid out as "
        f"红头文件 with a red stamp over the signature by `tests/fixtures/make_scans.py`), degrades them into "
        f"a flatbed scan (1–3° skew, blur, noise, gray paper, JPEG) and a phone photo (perspective, uneven "
        f"light, blur, JPEG, 1.5× larger), and reads them with `archive_builder.inventory.readers.ocr.recognise`. "
        f"CER is the edit distance over the ground-truth length, summed over the pages, on NFKC text "
        f"without whitespace; pages/min and s/page are wall time of the recognition calls alone, in one "
        f"process with {ocr.THREADS_ENV}={ocr.threads()} (tesseract: OMP_THREAD_LIMIT={ocr.threads()}); "
        f"CPU s/page is the CPU time of the same calls, which is what a page costs when other work "
        f"shares the machine.\n\n"
        f"- date: {dt.date.today().isoformat()}\n- machine: {machine()}\n- commit: {commit}\n"
        f"- command: `{command}`\n- versions: {versions()}\n"
        f"- load average (1 min) at start and end: {loads[0]:.2f}, {loads[1]:.2f}\n"
        f"- engine load (first call, models from the wheel): {load_seconds:.1f} s\n\n{result}\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table (and append it to the README with --readme)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--no-tesseract", action="store_true")
    parser.add_argument("--stock", action="store_true", help="also run RapidOCR with its own default settings")
    parser.add_argument("--readme", action="store_true", help="append the results to benchmarks/README.md")
    args = parser.parse_args(argv)
    if not ocr.available():
        raise SystemExit(ocr.INSTALL_HINT)
    pages = make_pages(args.pages, sentences(args.seeds))
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    ocr.recognise(Image.new("RGB", (64, 64), "white"))  # load the models outside the timed calls
    load_seconds = time.perf_counter() - started
    # onnxruntime's first real inference sets up its buffers; keep that out of the timed calls too.
    warm_up = make_scans.render_page(make_scans.SAMPLE_LINES)
    run_rapidocr(warm_up)
    if args.stock:
        run_stock_rapidocr(warm_up)
    use_tesseract = not args.no_tesseract and tesseract_available()
    result = table(measure(pages, use_tesseract, args.stock))
    print(result)
    if args.readme:
        command = "python benchmarks/ocr.py " + " ".join(argv if argv is not None else sys.argv[1:])
        with open(HERE / "README.md", "a", encoding="utf-8") as readme:
            readme.write(readme_section(result, command.strip(), load_seconds, (load_before, os.getloadavg()[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
