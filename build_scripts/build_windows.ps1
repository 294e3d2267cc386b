<#
.SYNOPSIS
  Build the Windows one-folder bundle (dist\loyalty-terminal\) and, when Inno Setup 6 is
  installed, the installer (dist\installer\LoyaltyTerminal-Setup-<version>.exe).

.DESCRIPTION
  powershell -ExecutionPolicy Bypass -File build_scripts\build_windows.ps1 [-Python C:\Python311\python.exe] [-NoInstall] [-NoInstaller]

  Uses .venv\ in the repository (created with -Python, default `py -3.11`, when missing),
  installs the project with the build extra (pinned PyInstaller), runs PyInstaller with
  build_scripts\loyalty_terminal.spec, checks that the bundle starts (--version, about), then
  runs ISCC.exe on build_scripts\installer\loyalty-terminal.iss if Inno Setup 6.3+ is found
  (PATH, or Program Files (x86)\Inno Setup 6). Build PC prerequisites: 64-bit Python 3.11+,
  Visual C++ 2013 x64 runtime (pyzbar's libzbar-64.dll needs msvcr120.dll; it is bundled
  from the build PC), Inno Setup 6.3+ for the installer.
#>
[CmdletBinding()]
param(
  [string]$Python = "",
  [switch]$NoInstall,
  [switch]$NoInstaller
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Root = Resolve-Path (Join-Path $PSScriptRoot "..")
Set-Location $Root

function Invoke-Checked([string]$What, [scriptblock]$Block) {
  & $Block
  if ($LASTEXITCODE -ne 0) { throw "$What failed (exit $LASTEXITCODE)" }
}

# --- Python environment ---------------------------------------------------------------
$VenvPy = Join-Path $Root ".venv\Scripts\python.exe"
if (-not (Test-Path $VenvPy)) {
  Write-Host "== creating .venv"
  if ($Python) { Invoke-Checked "venv" { & $Python -m venv .venv } }
  else { Invoke-Checked "venv" { & py -3.11 -m venv .venv } }
}
if (-not $NoInstall) {
  Write-Host "== installing the project with the build extra"
  Invoke-Checked "pip install" { & $VenvPy -m pip install -q -e ".[build]" }
}
$PyiVersion = & $VenvPy -m PyInstaller --version
if ($LASTEXITCODE -ne 0) { throw "PyInstaller is not installed in .venv (pip install -e .[build])" }

$Msvcr = Join-Path $env:SystemRoot "System32\msvcr120.dll"
if (-not (Test-Path $Msvcr)) {
  Write-Warning "msvcr120.dll (Visual C++ 2013 x64 runtime) is missing: pyzbar's libzbar-64.dll will not load on PCs without it."
}

# --- PyInstaller ------------------------------------------------------------------------
New-Item -ItemType Directory -Force -Path build | Out-Null
if (Test-Path dist\loyalty-terminal) { Remove-Item -Recurse -Force dist\loyalty-terminal }
Write-Host "== pyinstaller $PyiVersion (log: build\pyinstaller.log)"
$sw = [Diagnostics.Stopwatch]::StartNew()
& $VenvPy -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller `
  build_scripts\loyalty_terminal.spec *> build\pyinstaller.log
$rc = $LASTEXITCODE
$sw.Stop()
if ($rc -ne 0) {
  Get-Content build\pyinstaller.log -Tail 40
  throw "pyinstaller failed (exit $rc); full log: build\pyinstaller.log"
}
"{0:N1}" -f $sw.Elapsed.TotalSeconds | Set-Content build\build-time.txt
$Exe = Join-Path $Root "dist\loyalty-terminal\loyalty-terminal.exe"
$Cli = Join-Path $Root "dist\loyalty-terminal\loyalty-terminal-cli.exe"
foreach ($f in @($Exe, $Cli)) { if (-not (Test-Path $f)) { throw "$f was not produced" } }
# The UI font (resources\fonts, SIL OFL): without it a PC without a CJK font shows labels as boxes.
$FontDir = Join-Path $Root "dist\loyalty-terminal\_internal\resources\fonts"
foreach ($f in @("LoyaltyTerminalSansTC-Regular.otf", "LoyaltyTerminalSansTC-Bold.otf", "OFL.txt")) {
  if (-not (Test-Path (Join-Path $FontDir $f))) { throw "the UI font file $f is not in the bundle ($FontDir)" }
}
$SizeMB = [math]::Round(((Get-ChildItem -Recurse dist\loyalty-terminal | Measure-Object -Sum Length).Sum) / 1MB)
Write-Host ("== built dist\loyalty-terminal in {0:N1} s, {1} MB" -f $sw.Elapsed.TotalSeconds, $SizeMB)

# --- quick check of the bundle (the console twin prints; the windowed exe would not) ----
$env:QT_QPA_PLATFORM = "offscreen"
$Tmp = Join-Path ([IO.Path]::GetTempPath()) ("lt-build-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $Tmp | Out-Null
$env:LT_DATA_DIR = $Tmp
$env:LT_SITE_CONFIG = Join-Path $Tmp "site.toml"
$env:LT_USER_CONFIG = Join-Path $Tmp "user.toml"
try {
  Invoke-Checked "loyalty-terminal-cli --version" { & $Cli --version }
  $about = & $Cli --json about
  if ($LASTEXITCODE -eq 0) {
    $info = ($about -join "`n") | ConvertFrom-Json
    Write-Host ("   decoders: {0}" -f ($info.decoders | ConvertTo-Json -Compress))
    Write-Host ("   keyring:  {0}" -f $info.keyring.active)
    if ($info.decoders.zbar -ne "loaded") { throw "libzbar does not load in the bundle: $($info.decoders.zbar)" }
    if ($info.keyring.active -notlike "*Windows*") { throw "the Windows Credential Manager backend is not active: $($info.keyring | ConvertTo-Json -Compress)" }
  } else {
    Write-Warning "about failed or does not exist in this version (exit $LASTEXITCODE)"
  }
  # The windowed exe: PowerShell does not wait for GUI programs unless asked to.
  $proc = Start-Process -FilePath $Exe -ArgumentList "demo", "--quit-after-paint" -Wait -PassThru -NoNewWindow
  if ($proc.ExitCode -ne 0) { throw "demo --quit-after-paint exited $($proc.ExitCode)" }
  Write-Host "   window first paint OK"
  # The console twin prints the start-up probe: which fonts draw the window's texts, and boxes.
  $probe = (& $Cli demo --quit-after-paint) -join "`n"
  if ($LASTEXITCODE -ne 0) { throw "loyalty-terminal-cli demo --quit-after-paint exited $LASTEXITCODE" }
  $fonts = ($probe.Substring($probe.IndexOf([char]0x7B)) | ConvertFrom-Json).fonts  # 0x7B: the JSON's opening brace
  if ($fonts.missing_glyphs -ne 0 -or @($fonts.cjk_families)[0] -ne "Loyalty Terminal Sans TC") {
    throw "zh_TW labels are not drawn by the bundled font: $($fonts | ConvertTo-Json -Compress)"
  }
  Write-Host ("   {0} zh_TW texts drawn by {1}" -f $fonts.cjk_texts, (@($fonts.cjk_families) -join ", "))
} finally {
  Remove-Item -Recurse -Force $Tmp -ErrorAction SilentlyContinue
}

# --- Inno Setup -----------------------------------------------------------------------
if ($NoInstaller) { Write-Host "== skipping the installer (-NoInstaller)"; exit 0 }
$Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue | Select-Object -ExpandProperty Source -First 1)
if (-not $Iscc) {
  foreach ($cand in @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
                      "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe")) {
    if ($cand -and (Test-Path $cand)) { $Iscc = $cand; break }
  }
}
if (-not $Iscc) {
  Write-Warning "Inno Setup 6 (ISCC.exe) not found: the bundle is in dist\loyalty-terminal; install Inno Setup 6.3+ for the installer."
  exit 0
}
$Version = (& $Cli --version) -replace '^loyalty-terminal\s+', ''
Write-Host "== ISCC $Iscc (version $Version)"
Invoke-Checked "ISCC" { & $Iscc "/DAppVersion=$Version" build_scripts\installer\loyalty-terminal.iss }
Get-ChildItem dist\installer\*.exe | ForEach-Object { Write-Host "== installer: $($_.FullName)" }
