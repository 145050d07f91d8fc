# Parses PowerShell scripts without running them: one line per syntax error (file:line: message), exit 1 if any.
param([Parameter(Mandatory, ValueFromRemainingArguments)] [string[]] $Paths)
$failed = $false
foreach ($path in $Paths) {
    $tokens = $null
    $errors = $null
    [void][System.Management.Automation.Language.Parser]::ParseFile((Resolve-Path $path).Path, [ref]$tokens, [ref]$errors)
    foreach ($e in $errors) {
        Write-Output "${path}:$($e.Extent.StartLineNumber): $($e.Message)"
        $failed = $true
    }
}
if ($failed) { exit 1 }
Write-Output "parsed: $($Paths -join ', ')"
