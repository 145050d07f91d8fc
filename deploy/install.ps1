<#
.SYNOPSIS
Installs an Engraver bundle (made by tools/package --rid win-x64) as the Windows service "Engraver".

.DESCRIPTION
Run in an administrator PowerShell from the bundle: deploy\install.ps1 [-Bundle DIR] [-InstallDir DIR] [-DataFolder DIR] [-ApiUser ID] [-NoStart]
Each step is taken only when something is missing or different, so a second run changes nothing:
  - the bundle copied into InstallDir (default C:\Program Files\Engraver);
  - the data folder (default %ProgramData%\Engraver): records, evidence, keys\, checkpoints, logs\; writable by
    the service's account (LocalSystem) and Administrators only;
  - its recipes\ folder, with the bundle's recipes\default.json when it holds no default.json yet;
  - machine-wide ENGRAVER_ variables: Station:DataFolder, and the first API user (role Supervisor) whose key
    the command line makes into %ProgramData%\Engraver-keys\api-ID.key (never replaced);
  - the event log source "Engraver";
  - the service: sc.exe create (delayed automatic start), description, recovery actions (restart twice after
    5 s, then leave it stopped; the count forgotten after a day) and failureflag 1 (a non-zero exit code counts
    as a failure), then started unless -NoStart.
#>
[CmdletBinding()]
param(
    [string] $Bundle = (Split-Path -Parent $PSScriptRoot),
    [string] $InstallDir = (Join-Path $env:ProgramFiles 'Engraver'),
    [string] $DataFolder = (Join-Path $env:ProgramData 'Engraver'),
    [ValidatePattern('^[A-Za-z0-9_.@-]{1,64}$')]
    [string] $ApiUser = 'supervisor',
    [switch] $NoStart
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ServiceName = 'Engraver'
$changes = 0

function Say([string] $text) { Write-Host "install: $text" }
function Changed([string] $text) { $script:changes++; Say $text }

function Invoke-Sc([string[]] $arguments) {
    & sc.exe @arguments | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "sc.exe $($arguments -join ' ') failed (exit code $LASTEXITCODE)" }
}

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    Write-Error "install: run it in an administrator PowerShell: powershell -ExecutionPolicy Bypass -File `"$PSCommandPath`""
    exit 1
}

$service = Join-Path $Bundle 'engraver-service.exe'
if (-not (Test-Path $service) -or -not (Test-Path (Join-Path $Bundle 'engraver.exe'))) {
    Write-Error "install: -Bundle ${Bundle}: not a Windows Engraver bundle (no engraver-service.exe or engraver.exe; make one with tools/package --rid win-x64)"
    exit 2
}

# --- the programs: files whose content differs are copied ------------------------------------------------
$copied = 0
$bundleRoot = (Resolve-Path $Bundle).Path
foreach ($source in Get-ChildItem -Path $bundleRoot -Recurse -File) {
    $relative = $source.FullName.Substring($bundleRoot.Length).TrimStart('\', '/')
    $target = Join-Path $InstallDir $relative
    if ((Test-Path $target) -and (Get-FileHash $target).Hash -eq (Get-FileHash $source.FullName).Hash) { continue }
    New-Item -ItemType Directory -Force -Path (Split-Path -Parent $target) | Out-Null
    Copy-Item -Path $source.FullName -Destination $target -Force
    $copied++
}
if ($copied -gt 0) { Changed "$copied file(s) of the bundle into $InstallDir" }

# --- the data folder: LocalSystem and Administrators only ------------------------------------------------
if (-not (Test-Path $DataFolder)) {
    New-Item -ItemType Directory -Path $DataFolder | Out-Null
    & icacls.exe $DataFolder /inheritance:r /grant:r '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-544:(OI)(CI)F' | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "icacls $DataFolder failed (exit code $LASTEXITCODE)" }
    Changed "made the data folder $DataFolder (LocalSystem and Administrators only)"
}

# --- the recipes the service reads at start (Administrators commission them); a default.json there is kept ---
$recipes = Join-Path $DataFolder 'recipes'
$shippedDefault = Join-Path $Bundle 'recipes\default.json'
if (-not (Test-Path $recipes)) {
    New-Item -ItemType Directory -Path $recipes | Out-Null
    Changed "made the recipes folder $recipes"
}
if ((Test-Path $shippedDefault) -and -not (Test-Path (Join-Path $recipes 'default.json'))) {
    Copy-Item -Path $shippedDefault -Destination (Join-Path $recipes 'default.json')
    Changed "put the default recipe in $recipes\default.json"
}

# --- machine-wide settings, read by the service and the command line -------------------------------------
function Set-MachineVariable([string] $name, [string] $value) {
    if ([Environment]::GetEnvironmentVariable($name, 'Machine') -ne $value) {
        [Environment]::SetEnvironmentVariable($name, $value, 'Machine')
        Changed "set $name"
    }
    [Environment]::SetEnvironmentVariable($name, $value, 'Process')
}
Set-MachineVariable 'ENGRAVER_Station__DataFolder' $DataFolder

if (-not [Environment]::GetEnvironmentVariable('ENGRAVER_Api__Users__0__KeyHash', 'Machine')) {
    $keys = Join-Path $env:ProgramData 'Engraver-keys'
    New-Item -ItemType Directory -Force -Path $keys | Out-Null
    $keyFile = Join-Path $keys "api-$ApiUser.key"
    $cli = Join-Path $InstallDir 'engraver.exe'
    if (Test-Path $keyFile) {
        $hash = & $cli api hash-key --key-file $keyFile
    }
    else {
        $hash = & $cli api hash-key --new $keyFile
        Changed "made the API key of $ApiUser in $keyFile (give it to $ApiUser)"
    }
    if ($LASTEXITCODE -ne 0) { throw "engraver api hash-key failed (exit code $LASTEXITCODE)" }
    Set-MachineVariable 'ENGRAVER_Api__Users__0__Id' $ApiUser
    Set-MachineVariable 'ENGRAVER_Api__Users__0__Role' 'Supervisor'
    Set-MachineVariable 'ENGRAVER_Api__Users__0__KeyHash' ($hash | Select-Object -Last 1)
}

# --- the event log source ---------------------------------------------------------------------------------
if (-not [Diagnostics.EventLog]::SourceExists($ServiceName)) {
    New-EventLog -LogName Application -Source $ServiceName
    Changed "made the event log source $ServiceName (Application log)"
}

# --- the service ------------------------------------------------------------------------------------------
$binPath = Join-Path $InstallDir 'engraver-service.exe'
$existing = Get-CimInstance -ClassName Win32_Service -Filter "Name='$ServiceName'"
if ($null -eq $existing) {
    Invoke-Sc @('create', $ServiceName, 'binPath=', "`"$binPath`"", 'start=', 'delayed-auto', 'DisplayName=', 'Engraver station')
    Changed "made the service $ServiceName"
}
elseif ($existing.PathName.Trim('"') -ne $binPath) {
    Invoke-Sc @('config', $ServiceName, 'binPath=', "`"$binPath`"")
    Changed "pointed the service $ServiceName at $binPath"
}
Invoke-Sc @('description', $ServiceName, 'Microstamp engraving station')
# Restart twice, 5 s apart, then leave it stopped; forget the count after a day. failureflag 1: a stop with a
# non-zero exit code (README, "Faults and exit codes") counts as a failure, not only a crash.
# (through cmd.exe: the third action, none, is an empty "" that PowerShell would not pass on as such)
& cmd.exe /c "sc.exe failure $ServiceName reset= 86400 actions= restart/5000/restart/5000/`"`"/0" | Out-Null
if ($LASTEXITCODE -ne 0) { throw "sc.exe failure $ServiceName failed (exit code $LASTEXITCODE)" }
Invoke-Sc @('failureflag', $ServiceName, '1')

if (-not $NoStart -and (Get-Service -Name $ServiceName).Status -ne 'Running') {
    Start-Service -Name $ServiceName
    Changed "started $ServiceName"
}

if ($changes -eq 0) {
    Say "nothing to change"
}
else {
    Say "done ($changes change(s)); data folder $DataFolder, its record signing key is made at the first start in keys\ (auditors need keys\records-signing.pub.pem)"
}
