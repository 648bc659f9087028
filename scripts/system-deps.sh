#!/usr/bin/env bash
# System packages the tests use: headless Chromium (web page checks), LibreOffice
# (DOCX -> PDF), CJK fonts, poppler (PDF -> PNG) and the PostgreSQL server (the workspace
# tests start a throwaway cluster of their own). Installs what is missing when run
# as root with apt-get; otherwise says what to install.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium chromium-driver)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
[ -e /usr/lib/python3/dist-packages/uno.py ] || need+=(python3-uno)  # LibreOffice as a reviewer in tests
command -v pdftoppm >/dev/null || need+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep -qi "WenQuanYi Zen Hei" || need+=(fonts-wqy-zenhei)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "安装系统软件包：${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
else
  echo "缺少系统软件包：${need[*]}（请以 root 身份用 apt-get 安装）" >&2
  exit 1
fi
