"""The table grids: every grid square covered exactly once, spans as in the national template."""

from __future__ import annotations

import pytest
from render_gen import zero_report

from assistant.render.layout import grids


@pytest.mark.parametrize("year", [2020, 2021])
def test_every_grid_square_is_covered_exactly_once(year):
    for name, grid in grids(zero_report(year)).items():
        covered: dict[tuple[int, int], int] = {}
        for r, c, cell in grid.positions():
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    covered[(r + dr, c + dc)] = covered.get((r + dr, c + dc), 0) + 1
        expected = {(r, c) for r in range(len(grid.rows)) for c in range(grid.columns)}
        assert set(covered) == expected, name
        assert set(covered.values()) == {1}, name


@pytest.mark.parametrize("year,result_rows,other_span", [(2021, 22, 3), (2020, 20, None)])
def test_t3_template_spans(year, result_rows, other_span):
    grid = grids(zero_report(year))["t3"]
    placed = {cell.text: (r, c, cell.rowspan, cell.colspan) for r, c, cell in grid.positions() if cell.header}
    assert placed["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] == (0, 0, 3, 3)
    assert placed["申请人情况"] == (0, 3, 1, 7)
    assert placed["法人或其他组织"] == (1, 4, 1, 5)
    assert placed["自然人"][2] == 2 and placed["总计"][2] == 2
    assert placed["三、本年度办理结果"][2:] == (result_rows, 1)
    assert placed["（三）不予公开"][2] == 8
    assert placed["（四）无法提供"][2] == 3
    assert placed["（五）不予处理"][2] == 5
    if other_span:
        assert placed["（六）其他处理"][2:] == (other_span, 1)
    else:  # 2019: （六）其他处理 is one row across both label columns
        assert placed["（六）其他处理"][2:] == (1, 2)
    assert placed["一、本年新收政府信息公开申请数量"][3] == 3
    assert placed["四、结转下年度继续办理"][3] == 3


def test_t4_two_level_header():
    grid = grids(zero_report(2022))["t4"]
    placed = [(r, c, cell.rowspan, cell.colspan, cell.text) for r, c, cell in grid.positions()]
    assert (0, 0, 1, 5, "行政复议") in placed
    assert (0, 5, 1, 10, "行政诉讼") in placed
    assert (1, 5, 1, 5, "未经复议直接起诉") in placed
    assert (1, 10, 1, 5, "复议后起诉") in placed
    assert (1, 0, 2, 1, "结果维持") in placed
    data = [p for p in placed if p[0] == 3]
    assert len(data) == 15


def test_t2_subtables_per_version():
    titles_2021 = [c.text for row in grids(zero_report(2021))["t2"].rows for c in row if c.colspan == 4]
    assert titles_2021 == [f"第二十条第（{n}）项" for n in "一五六八"]
    titles_2019 = [c.text for row in grids(zero_report(2019))["t2"].rows for c in row if c.colspan == 4]
    assert titles_2019 == [f"第二十条第（{n}）项" for n in "一五六八九"]
