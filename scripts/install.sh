#!/usr/bin/env bash
# Installs everything the pipeline needs on a fresh Debian 12 / Ubuntu 24.04 machine:
# the Debian packages (when run as root or with sudo), then a virtual environment .venv/
# in this checkout with the project (editable) and its development extras. A venv, because
# Debian's and Ubuntu's own python3 refuse `pip install` outside one (PEP 668,
# "externally-managed-environment"). A second run only checks, and is quick.
# PYTHON=/path/to/python3 chooses the interpreter (default: python3 on PATH, 3.11 or newer).
set -euo pipefail
cd "$(dirname "$0")/.."

# Python itself and its venv module (Debian ships ensurepip separately, in python3-venv).
APT_PACKAGES=(python3 python3-venv)
# LibreOffice converts legacy .doc/.wps/.xls/.et files and makes the PDF copies (without it
# those files are reported as unreadable with a request for .docx/.xlsx, and no PDF is made).
APT_PACKAGES+=(libreoffice-writer-nogui libreoffice-calc-nogui)
# CJK fonts: the PDF copies (LibreOffice) and the pages get their Chinese glyphs from Noto CJK,
# and the OCR tests draw their scan-like certificates with Noto Sans CJK SC.
APT_PACKAGES+=(fonts-noto-cjk)
# The 补正通知's PDF in real 公文 faces: Fandol (free 仿宋/楷体/黑体/宋体), which Debian and Ubuntu ship
# only inside texlive-lang-chinese (~50 MB download with texlive-base; no font-only package exists);
# pipeline/render/common/pdf.py points LibreOffice at its folder. Without it the PDF uses Noto CJK.
APT_PACKAGES+=(texlive-lang-chinese)
# Chromium (headless) opens index.html and the dossiers in the browser tests and takes the
# screenshots under docs/; the pipeline itself does not need it.
APT_PACKAGES+=(chromium)
# PostgreSQL: the registry tests run against a real server (a throwaway cluster started by
# tests/databases.py with the package's initdb/pg_ctl); the department may also keep the
# registry on such a server (run/registry --registry postgresql+psycopg://…).
APT_PACKAGES+=(postgresql)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 && continue
  # Any Chromium on PATH will do (devtools/browser.py looks for these names).
  [ "$pkg" = chromium ] && { command -v chromium || command -v chromium-browser; } >/dev/null 2>&1 && continue
  missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "警告：未找到 apt-get，请用本机的软件包管理器安装：${missing[*]}" >&2
  elif [ "$SUDO" = "none" ]; then
    echo "警告：安装系统软件包需要 root 权限或 sudo，请由管理员安装：${missing[*]}" >&2
  else
    echo "安装系统软件包：${missing[*]}"
    $SUDO apt-get update -qq
    # Ubuntu has no Debian package `chromium` (its chromium-browser is a snap): install what
    # this distribution offers and name the rest.
    available=()
    for pkg in "${missing[@]}"; do
      # Read into a variable first: with pipefail, `apt-cache … | grep -q` fails whenever grep
      # stops reading early (apt-cache then dies of SIGPIPE), and every package looked unavailable.
      policy="$(apt-cache policy "$pkg" 2>/dev/null || true)"
      if [[ "$policy" =~ Candidate:\ [^\(] ]]; then available+=("$pkg"); else
        if [ "$pkg" = chromium ]; then
          echo "警告：本系统的软件源中没有 chromium，已跳过（只用于浏览器测试和截图；Ubuntu 上可用 snap install chromium）" >&2
        else
          echo "警告：本系统的软件源中没有 $pkg，已跳过" >&2
        fi
      fi
    done
    if [ ${#available[@]} -gt 0 ]; then
      $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${available[@]}"
    fi
  fi
fi

PYTHON="${PYTHON:-python3}"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "错误：未找到 $PYTHON（需要 Python 3.11 或更高版本）。" >&2
  exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "错误：需要 Python 3.11 或更高版本，$PYTHON 是 $("$PYTHON" -V 2>&1)；可用 PYTHON=/路径/python3.11 指定。" >&2
  exit 1
fi

VENV=.venv
# A venv left broken (its interpreter gone, or made without pip because python3-venv was
# missing) is made anew.
if ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
  rm -rf "$VENV"
  echo "创建虚拟环境 $VENV/（$("$PYTHON" -V 2>&1)）"
  if ! "$PYTHON" -m venv "$VENV"; then
    rm -rf "$VENV"
    echo "错误：无法创建虚拟环境；在 Debian/Ubuntu 上请先安装 python3-venv（以 root 或 sudo 运行本脚本会自动安装）。" >&2
    exit 1
  fi
fi

# Reinstalled only when the dependencies, the interpreter or the checkout's place changed.
stamp="$VENV/.nx-prescreen-install"
want="$(sha256sum pyproject.toml | cut -d' ' -f1) $("$VENV/bin/python" -V 2>&1) $PWD"
# (-I: the checkout's own pipeline/ beside the current folder does not count as installed.)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || ! "$VENV/bin/python" -I -c 'import pipeline' >/dev/null 2>&1; then
  echo "安装 Python 依赖到 $VENV/ …"
  rm -f "$stamp"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[dev]"
  echo "$want" >"$stamp"
fi

cat <<EOF
安装完成。程序和依赖在虚拟环境 $VENV/ 中（$("$VENV/bin/python" -V 2>&1)），不影响系统的 Python。
  运行预审：$VENV/bin/nx-prescreen run 申报批次文件夹 --out 输出文件夹
  运行测试：$VENV/bin/python -m pytest -q
  或先执行 source $VENV/bin/activate，之后直接使用 nx-prescreen、python -m pytest。
EOF
