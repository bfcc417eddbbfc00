#!/usr/bin/env bash
# Installs, with apt-get, exactly the Debian 12 packages that qpm-intake needs to
# build, test and run. Idempotent: when everything is present it only checks and
# exits, without touching the network.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config
  # libraries (each wrapped by one adapter file)
  libpoppler-cpp-dev   # PDF text, word boxes, metadata (extractors/read/pdf_text.cc)
  libpoppler-private-dev  # Poppler's own interpreter and renderer: hidden text under boxes,
                          # in white, in layers (extractors/read/pdf_hidden.cc)
  libpodofo-dev        # PDF writing for the sample generator; PDF form fields
  libqpdf-dev          # the review bundle (pipeline/output/bundle_pdf.cc): copies source pages by
                       # reference and reads their streams only while writing, so a long
                       # submission is never held in memory; repairs damaged files as it reads
  qpdf                 # `qpdf --check`, which the bundle tests run on every bundle they make
  libreoffice-writer-nogui  # turns Word files into PDF pages for the bundle (pipeline/output/convert.cc)
  libreoffice-calc-nogui    # reads spreadsheets (.xls, .xlsx, .ods) as PDF (pipeline/output/office.cc)
  libreoffice-impress-nogui # reads presentations (.ppt, .pptx, .odp) as PDF (pipeline/output/office.cc)
  libzip-dev           # zip, including ZipCrypto and WinZip AES (pipeline/ingest/zip_archive.cc)
  libgmime-3.0-dev     # .eml parsing (pipeline/ingest/mime_message.cc)
  libgsf-1-dev         # Outlook .msg files are OLE compound files: read (pipeline/ingest/outlook_message.cc),
                       # and written by the sample generator (scripts/make_samples/outlook_writer.cc)
  libpugixml-dev       # Word XML (extractors/read/word_text.cc)
  libre2-dev           # personal-data patterns (redaction/)
  libssl-dev           # SHA-256 (pipeline/platform/sha256.cc)
  nlohmann-json3-dev   # report.json and the child-process protocol
  libcli11-dev         # the command line
  libcpp-httplib-dev   # the local page's server (pipeline/app/serve.cc): small and packaged, binds
                       # to 127.0.0.1 only, parses multipart uploads and limits their size; no
                       # other C++ HTTP server Debian packages is as small
  libtesseract-dev tesseract-ocr-eng tesseract-ocr-osd  # OCR of scanned pages (extractors/read/ocr.cc)
  fonts-urw-base35     # Helvetica and the other base-14 fonts for Poppler to render with. PDFs
                       # may leave them unembedded; without it fontconfig substitutes whatever
                       # is installed, and the scanned samples render differently
                       # (tests/samples_up_to_date.sh fails on a fresh machine).
  wbritish             # English words, built into the name detector so that "Case Management"
                       # is not taken for a name (redaction/CMakeLists.txt, redaction/data/)
  poppler-utils        # pdftotext, which scripts/bench-hidden times the hidden-text check against,
                       # and pdftoppm, the render half of scripts/bench-extract's floor
  tesseract-ocr time   # the read half of scripts/bench-extract's floor, and GNU time for its figures
  # tests
  libgtest-dev
  chromium chromium-driver  # tests/browser_test.cc drives the local page (qpm-intake serve) in a
                            # real browser, headless, through chromedriver, as issue 22 asks;
                            # scripts/screenshots shoots the pages with it
  curl                      # scripts/screenshots posts a check to the local page, as its form does
  clang-format clang-tidy  # tests/lint.sh
  iproute2             # ss, with which tests/serve_test.cc sees the local page listen on 127.0.0.1
                       # only (minimal Debian images leave it out)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd=(sudo)
  else
    echo "setup: these packages are missing and I am not root and have no sudo: ${missing[*]}" >&2
    echo "setup: ask an administrator to run: apt-get install ${missing[*]}" >&2
    exit 5
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done" >&2
