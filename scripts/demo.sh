#!/usr/bin/env bash
# The main job on the embedded defaults, for the demo agency. Later steps are added as
# the features land: import -> fill -> validate -> draft -> render.
set -uo pipefail
PY=${NIANBAO_PY:-python}
NB="$PY -m assistant"
OUT=${DEMO_OUT:-demo-out}
export NIANBAO_HOME=${NIANBAO_HOME:-$PWD/$OUT/workspace}
mkdir -p "$OUT"

echo "== 检查随附的样例报告（tests/fixtures/sample-2021.yaml）"
$NB validate tests/fixtures/sample-2021.yaml
status=$?
[ $status -le 1 ] || exit $status
echo "演示完成，输出在 $OUT/"
