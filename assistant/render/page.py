"""The 公文 page of GB/T 9704-2012, declared once for the Word and the PDF output.

A4; text block 156 mm × 225 mm (top 37, bottom 35, left 28, right 26 mm); 3号 (16 pt) body,
22 lines of 28 characters; page numbers 4号 (14 pt) 宋体 「— 1 —」, the 一字线 7 mm below the
text block, odd pages on the right and even pages on the left, one character in from the edge.
"""

from __future__ import annotations

import math

PT_PER_MM = 72 / 25.4
PAGE_W_MM, PAGE_H_MM = 210, 297
TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 37, 35, 28, 26
TEXT_W_MM = PAGE_W_MM - LEFT_MM - RIGHT_MM  # 156
TEXT_H_MM = PAGE_H_MM - TOP_MM - BOTTOM_MM  # 225
LINES, CHARS = 22, 28
BODY_PT = 16  # 3号
PAGE_NUMBER_PT = 14  # 4号
PAGE_NUMBER_GAP_MM = 7  # from the text block's lower edge down to the 一字线

# Twentieths of a point (Word's unit), rounded down so that 22 lines always fit.
LINE_PITCH_TWIPS = math.floor(TEXT_H_MM * PT_PER_MM * 20 / LINES)  # 579
LINE_PITCH_PT = LINE_PITCH_TWIPS / 20  # 28.95
# Body characters set 1/4 pt narrower than 3号 (twentieths of a point), so 28 of them fill
# the 156 mm line (28 × 15.75 pt = 441 pt of 442.2 pt) and a 29th does not.
CONDENSE_TWIPS = -5
CHAR_PITCH_PT = BODY_PT + CONDENSE_TWIPS / 20  # 15.75
assert CHARS * CHAR_PITCH_PT <= TEXT_W_MM * PT_PER_MM < (CHARS + 1) * CHAR_PITCH_PT
# The footer line (exact 14 pt) centred on the 一字线.
FOOTER_MM = BOTTOM_MM - PAGE_NUMBER_GAP_MM - PAGE_NUMBER_PT / 2 / PT_PER_MM


def page_number_text(number: int) -> str:
    return f"— {number} —"
