#!/usr/bin/env bash
# The main job on the embedded defaults, for the demo agency (中韩示范区党政综合办公室):
# import last year's published report -> index the corpus -> fill this year's tables from
# the ledger -> validate -> draft the text offline -> render HTML, Word (and PDF) -> the same
# year in the workspace: drafts as suggestions, a reviewer's decisions, Word with tracked changes, 定稿.
set -uo pipefail
PY=${NIANBAO_PY:-python}
NB="$PY -m assistant"
OUT=${DEMO_OUT:-demo-out}
case "$OUT" in /*) OUT_ABS=$OUT ;; *) OUT_ABS=$PWD/$OUT ;; esac  # an absolute DEMO_OUT stays where asked
export NIANBAO_HOME=${NIANBAO_HOME:-$OUT_ABS/workspace}
mkdir -p "$OUT"
step() { printf '\n== %s\n' "$*"; }
ok_or_findings() { local s=$?; [ $s -le 1 ] || { echo "演示中止（退出码 $s）"; exit $s; }; }

step "1. 导入去年已发布的年报（网页复制的文字）"
$NB import corpus/2021-中韩示范区党政综合办公室.txt -o "$OUT/2021.yaml" || exit $?

step "2. 检索库：收录随附语料"
$NB corpus add corpus/ "$OUT/2021.yaml" || exit $?
$NB corpus search "信息处理费怎么收" --k 3 || exit $?

step "3. 新建 2022 年度报告：表二手工填写，表三、表四根据台账填写"
$NB new --year 2022 --agency 中韩示范区党政综合办公室 -o "$OUT/2022.yaml" || exit $?
$NB set "$OUT/2022.yaml" --from examples/表二-示例.yaml || exit $?
$NB fill "$OUT/2022.yaml" --ledger examples/台账-示例.xlsx --cases examples/复议诉讼-示例.xlsx \
  --previous "$OUT/2021.yaml"
ok_or_findings

cp "$OUT/2022.yaml" "$OUT/2022-填表后.yaml"  # the workspace steps (7) start from here

step "4. 起草文字部分（离线模板起草）"
$NB draft "$OUT/2022.yaml" --section all --previous "$OUT/2021.yaml" --facts examples/facts.yaml --offline --write
ok_or_findings

step "5. 检查 2022 年度报告（与 2021 年度比对）"
$NB validate "$OUT/2022.yaml" --previous "$OUT/2021.yaml"
ok_or_findings

step "6. 输出最终报告"
# A 正式稿 is refused while the text holds 〔请填写…〕 notes only staff can fill: the demo then
# prints the list and renders 草稿 copies, as an office would for review.
DRAFT=()
$NB render "$OUT/2022.yaml" --format html -o "$OUT/2022.html" --compare "$OUT/2021.yaml"
s=$?
if [ $s -eq 1 ]; then
  echo "（以上待填写的内容须由经办人补写后才能输出正式稿；演示接着输出带“草稿”标记的稿子供审阅）"
  DRAFT=(--draft)
  $NB render "$OUT/2022.yaml" --format html -o "$OUT/2022.html" --compare "$OUT/2021.yaml" "${DRAFT[@]}" || exit $?
elif [ $s -ne 0 ]; then
  exit $s
fi
$NB render "$OUT/2022.yaml" --format docx -o "$OUT/2022.docx" "${DRAFT[@]}" || exit $?
$NB render "$OUT/2022.yaml" --format md -o "$OUT/2022.md" "${DRAFT[@]}" || exit $?
if $PY -c 'import weasyprint' 2>/dev/null; then
  $NB render "$OUT/2022.yaml" --format pdf -o "$OUT/2022.pdf" --compare "$OUT/2021.yaml" "${DRAFT[@]}" || exit $?
  # The PDF must carry real Chinese text in the fonts the install ships, also on a machine without any.
  $PY - "$OUT/2022.pdf" <<'PYCHECK' || { echo "演示中止：PDF 中没有可提取的中文文字"; exit 1; }
import sys
import pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    pages = len(pdf.pages)
    text = "".join(page.extract_text() or "" for page in pdf.pages)
    fonts = sorted({c["fontname"].split("+", 1)[-1] for page in pdf.pages for c in page.chars})
han = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
print(f"PDF 检查：{pages} 页，可提取汉字 {han} 个，嵌入字体 {'、'.join(fonts)}")
sys.exit(0 if han >= 500 and "年度报告" in text else 1)
PYCHECK
else
  echo "（未安装 PDF 组件 nianbao[pdf]，跳过 PDF）"
fi

step "7. 工作区：起草人起草为修改建议，审核人逐条采纳或驳回，输出修订版 Word，定稿后输出正式稿"
# The demo's own database (an existing NIANBAO_DATABASE_URL is used as given, never emptied).
if [ -z "${NIANBAO_DATABASE_URL:-}" ]; then
  export NIANBAO_DATABASE_URL="sqlite:///$OUT_ABS/demo-workspace.db"
  rm -f "$OUT_ABS/demo-workspace.db" "$OUT_ABS/demo-workspace.db-wal" "$OUT_ABS/demo-workspace.db-shm"
fi
R="中韩示范区党政综合办公室/2022"
sid() {  # the id of the pending suggestion on section $1
  $NB review list "$R" --section "$1" --format json --user 张审核 | $PY -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])'
}
echo "demo-admin-2024" | $NB workspace init --admin 管理员 --agency 中韩示范区党政综合办公室 --kind 部门 --password-stdin || exit $?
echo "demo-drafter-2024" | $NB user add 李起草 --role 起草人 --agency 中韩示范区党政综合办公室 --password-stdin --user 管理员 || exit $?
echo "demo-reviewer-2024" | $NB user add 张审核 --role 审核人 --agency 中韩示范区党政综合办公室 --password-stdin --user 管理员 || exit $?
export NIANBAO_USER=李起草
$NB report create --agency 中韩示范区党政综合办公室 --from "$OUT/2021.yaml" || exit $?
$NB report create --agency 中韩示范区党政综合办公室 --from "$OUT/2022-填表后.yaml" || exit $?
$NB review draft "$R" --offline --facts examples/facts.yaml || exit $?
$NB review list "$R" || exit $?
$NB export-docx "$R" -o "$OUT/2022-审阅.docx" || exit $?
export NIANBAO_USER=张审核
for section in intro overview requests review_litigation; do
  $NB review accept "$(sid $section)" || exit $?
done
$NB review reject "$(sid problems)" --reason "问题写得太笼统，请结合本年度台账重写" || exit $?
$NB review edit "$(sid other)" --text "本年度没有收取信息处理费。无其他需要报告的事项。" || exit $?
NIANBAO_USER=李起草 $NB review suggest "$R" problems --file examples/存在的主要问题-示例.txt || exit $?
$NB review accept "$(sid problems)" || exit $?
NIANBAO_USER=李起草 $NB report status "$R" 审核中 || exit $?
$NB report status "$R" 定稿 || exit $?
$NB report render "$R" --format docx -o "$OUT/2022-定稿.docx" || exit $?
$NB review history "$R" --section problems || exit $?
$NB workspace check || exit $?
unset NIANBAO_USER
echo "演示账号（网页登录用）：起草人 李起草 / demo-drafter-2024，审核人 张审核 / demo-reviewer-2024"
echo "网页：运行 NIANBAO_HOME=\"$NIANBAO_HOME\" NIANBAO_DATABASE_URL=\"$NIANBAO_DATABASE_URL\" $NB serve --port 8000"
echo "      然后在浏览器打开 http://127.0.0.1:8000/ ，用上面的演示账号登录"

step "完成"
echo "报告文件：$OUT/2021.yaml（导入）、$OUT/2022.yaml（本年度）"
echo "最终报告：$OUT/2022.html、$OUT/2022.docx、$OUT/2022.md、$OUT/2022.pdf"
echo "工作区：$OUT/2022-审阅.docx（待处理的修改建议为修订）、$OUT/2022-定稿.docx（定稿后输出）"
