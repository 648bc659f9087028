"""The office's pages in real headless Chromium against uvicorn on a loopback port:
sign in, a table cell that breaks the balance is highlighted, a reviewer's accept meets a
drafter's edit of the same section (the conflict is shown, nothing lost), a DOCX download."""

from __future__ import annotations

from office import PASSWORD


def sign_in(page, server: str, name: str) -> None:
    page.goto(server + "/")
    assert "/login" in page.url  # signed out: sent to the sign-in page
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("#sign-in")
    page.wait_for_selector("#reports")


def _balanced_row(office) -> None:
    from assistant.report.cells import CellValue
    from assistant.report.format import T3_APPLICANT_COLUMNS
    from assistant.services import workspace_reports as reports

    row = {f"t3.new.{c}": CellValue.of(0) for c in T3_APPLICANT_COLUMNS} | {"t3.new.total": CellValue.of(3)}
    row["t3.new.natural"] = CellValue.of(3)
    reports.set_cells(office["settings"], "drafter_a", str(office["a"]), row)


def test_a_cell_that_breaks_the_balance_is_highlighted(office, server, page):
    _balanced_row(office)
    sign_in(page, server, "drafter_a")
    page.click(f"tr[data-report='{office['a']}'] >> text=打开")
    cell = page.locator("input.cell[name='t3.new.natural']")
    assert cell.input_value() == "3"
    assert page.locator("td.flagged[data-cell='t3.new.natural']").count() == 0
    cell.fill("5")
    cell.press("Tab")  # the change event saves it
    page.wait_for_selector("td.flagged[data-cell='t3.new.natural']")
    assert "已保存" in page.inner_text("#cell-status")
    assert "总计" in page.get_attribute("td[data-cell='t3.new.total']", "title")
    assert any("数据不一致" in t or "错误" in t for t in page.locator("#findings li").all_inner_texts())
    page.reload()  # saved in the store, not only on the page
    assert page.locator("input.cell[name='t3.new.natural']").input_value() == "5"
    assert page.locator("td.flagged[data-cell='t3.new.natural']").count() == 1


def test_accept_meets_an_edit_of_the_same_section(office, server, browser):
    reviewer = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    drafter = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    sign_in(reviewer, server, "reviewer_a")
    reviewer.goto(f"{server}/reports/{office['a']}/review")
    assert reviewer.locator(f"#s{office['suggestion']} .diff ins").count() >= 1

    sign_in(drafter, server, "drafter_a")
    drafter.goto(f"{server}/reports/{office['a']}#section-overview")
    drafter.fill("#section-overview textarea", "起草人同时改写的总体情况。")
    drafter.click("#section-overview button[type=submit]")
    drafter.wait_for_url("**/reports/*")

    reviewer.click(f"#s{office['suggestion']} button.accept")
    reviewer.wait_for_selector("#conflict")
    assert "已被他人修改" in reviewer.inner_text("#conflict")
    assert reviewer.inner_text("#current-text") == "起草人同时改写的总体情况。"
    assert "全面贯彻" in reviewer.input_value("#my-text")  # the suggestion's text is kept, not lost
    reviewer.context.close()
    drafter.context.close()


def test_docx_download(office, server, page, tmp_path):
    sign_in(page, server, "drafter_a")
    page.goto(f"{server}/reports/{office['a']}")
    with page.expect_download() as info:
        page.click("text=Word（草稿）")
    path = tmp_path / "out.docx"
    info.value.save_as(path)
    assert path.read_bytes()[:2] == b"PK" and info.value.suggested_filename.endswith("草稿.docx")
