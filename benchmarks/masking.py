"""Throughput of privacy.mask_text on a roster-like body and on one dense with numbers.

    python benchmarks/masking.py 20    # megabytes of each body

Masking is linear in the text: twice the text takes twice the time.
"""

from __future__ import annotations

import sys
import time

from archive_builder.core.privacy import mask_text

ROSTER = "学生张三 身份证号 141023199708021016 电话 13812345678 卡号 6217001234567893 金额 1234.56 元 代码 3141020001\n"
DENSE = "141023199708021016 13812345678 6217001234567893\n"


def main(megabytes: float) -> None:
    for name, line in (("roster", ROSTER), ("dense", DENSE)):
        text = line * int(megabytes * 1e6 / len(line.encode()))
        started = time.perf_counter()
        _, count = mask_text(text)
        seconds = time.perf_counter() - started
        size = len(text.encode()) / 1e6
        print(f"{name}: {size:.1f} MB, {count} numbers masked, {seconds:.1f} s, {size / seconds:.2f} MB/s")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 20)
