#!/usr/bin/env bash
# 一条命令装好一切并排出示例书：Debian 软件包（缺什么装什么）、npm 依赖，然后构建 manuscript/ 到 dist/。
# One command: the Debian packages that are missing, the npm packages, then the sample book into dist/.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: the browser Paged.js lays pages out in; poppler-utils: pdftotext/pdffonts for the build's own checks;
# epubcheck: the EPUB validator the build runs (it brings Java); ghostscript: PDF/X conversion (--press-ready);
# fonts-dejavu-core: DejaVu Sans Mono for code, DejaVu Sans for symbols; fonts-noto-core: Noto Sans Symbols,
# Symbols 2 and Math, and the faces of other scripts (Tamil, Arabic, Devanagari, Thai…; Hangul comes from npm);
# fonts-hanazono: HanaMin A/B for rare Han characters (Extension B and beyond);
# zbar-tools: zbarimg reads the cover's barcode back as a scanner would.
packages=(chromium poppler-utils epubcheck ghostscript fonts-dejavu-core fonts-noto-core fonts-hanazono zbar-tools)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Puppeteer must not download a browser (the network reaches none); Debian's Chromium is used.
PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
npm run build:book
