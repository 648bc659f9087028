"""T4-BLOCK-TOTAL: per 表四 block, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""

from __future__ import annotations

from ...report.format import T4_BLOCKS, cell_specs
from ..rule import Rule
from ..tables import row_name, sum_mismatch

PARTS = ("upheld", "corrected", "other", "pending")


class T4BlockTotal(Rule):
    code = "T4-BLOCK-TOTAL"

    def check(self, ctx):
        report = ctx.report
        specs = cell_specs(report.format)
        for block, _ in T4_BLOCKS:
            keys = [f"t4.{block}.{c}" for c in PARTS]
            total_key = f"t4.{block}.total"
            mismatch = sum_mismatch(report, keys, total_key)
            if mismatch:
                expected, total = mismatch
                yield self.finding(
                    cells=keys + [total_key],
                    block=row_name(specs[total_key]),
                    block_key=block,
                    expected=expected,
                    actual=total,
                )
