#!/usr/bin/env bash
# Installs everything the pipeline needs on a fresh Debian/Ubuntu machine:
# Debian packages (when run as root or with sudo) and the Python package with its
# development extras (editable, so templates/ and the data files are used in place).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the pipeline needs (none yet: legacy-format conversion and PDF
# rendering will add LibreOffice and CJK fonts here).
APT_PACKAGES=()

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
