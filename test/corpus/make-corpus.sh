#!/usr/bin/env bash
# Regenerates the planner's workbook as three producers save it. Needs Debian's
# python3-xlsxwriter, python3-openpyxl, python3-pil and libreoffice-calc-nogui, and a
# built CLI (npm run build:cli). The files are committed: tests never run this.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node -e 'process.stdout.write(JSON.stringify(require("../../lib/src/sample/sampleWorkbook.js").sampleGrids()))' > "$work/sample.json"

# 1. XlsxWriter: every feature, cached formula results as Excel saves them.
/usr/bin/python3 planner.py "$work/sample.json" planner-xlsxwriter.xlsx

# 2. LibreOffice Calc opens it and saves it as .xlsx.
soffice --headless -env:UserInstallation=file://$work/profile \
  --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$work" planner-xlsxwriter.xlsx > /dev/null
mv "$work/planner-xlsxwriter.xlsx" planner-libreoffice.xlsx

# 3. openpyxl (what pandas and Python scripts use) loads and saves it.
/usr/bin/python3 -c '
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
wb.save(sys.argv[2])
' planner-xlsxwriter.xlsx planner-openpyxl.xlsx
ls -l planner-*.xlsx

# Files bao refuses, each with one line saying what it is: .ods and .xls saved by
# LibreOffice, and an encrypted workbook (ECMA-376 agile encryption, password "blanket")
# made with the npm package officecrypto-tool (MIT).
mkdir -p refused
soffice --headless -env:UserInstallation=file://$work/profile --convert-to ods --outdir "$work" planner-xlsxwriter.xlsx > /dev/null
soffice --headless -env:UserInstallation=file://$work/profile --convert-to xls --outdir "$work" planner-xlsxwriter.xlsx > /dev/null
mv "$work/planner-xlsxwriter.ods" refused/planner.ods
mv "$work/planner-xlsxwriter.xls" refused/planner.xls
(cd "$work" && npm install --silent --no-save officecrypto-tool@0.0.19 > /dev/null &&
  node -e 'const o=require("officecrypto-tool"),fs=require("fs");fs.writeFileSync(process.argv[2],o.encrypt(fs.readFileSync(process.argv[1]),{password:"blanket"}))' \
    "$OLDPWD/planner-xlsxwriter.xlsx" "$OLDPWD/refused/planner-encrypted.xlsx")
ls -l refused
