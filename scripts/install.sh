#!/usr/bin/env bash
# Installs everything the pipeline needs on a fresh Debian/Ubuntu machine:
# Debian packages (when run as root or with sudo) and the Python package with its
# development extras (editable, so templates/ and the data files are used in place).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the pipeline needs: LibreOffice converts legacy .doc/.wps/.xls/.et
# files (without it they are reported as unreadable with a request for .docx/.xlsx).
APT_PACKAGES=(libreoffice-writer-nogui libreoffice-calc-nogui)
# CJK fonts: the OCR tests draw their scan-like certificates with Noto Sans CJK SC.
APT_PACKAGES+=(fonts-noto-cjk)
# Rendering: fonts-noto-cjk gives the PDF copies (LibreOffice) and the pages their Chinese
# fonts; chromium (headless) opens index.html and the dossiers in the browser tests and takes
# the screenshots under docs/ (python -m pipeline.render.browser PAGE --screenshot PNG).
APT_PACKAGES+=(chromium)
# PostgreSQL: the registry tests run against a real server (a throwaway cluster started by
# tests/databases.py with the package's initdb/pg_ctl); the department may also keep the
# registry on such a server (run/registry --registry postgresql+psycopg://…).
APT_PACKAGES+=(postgresql)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "安装系统软件包：${missing[*]}"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "警告：未找到 apt-get，请手动安装：${missing[*]}" >&2
  fi
fi

python3 -m pip install -q -e ".[dev]"
echo "安装完成。"
