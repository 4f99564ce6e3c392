# wsus-remediator stage v1
$src = '{source}'
$dst = '{staged}'
# Downloads (URL) the KB954960 package into the staging folder, where SYSTEM can read it, and prints its SHA-256
# (docs/remediation-protocol.md). With $src empty it only hashes $dst: a package from a share was copied there by
# the SYSTEM task (this shell has no credentials for the share). PowerShell 2.0: no Get-FileHash, no try/catch.
$e = @()
trap { $script:e += [string]$_; continue }
$ErrorActionPreference = 'Stop'
$h = ''
New-Item -ItemType Directory -Force -Path (Split-Path $dst) | Out-Null
if ($src -match '^https?://') { (New-Object Net.WebClient).DownloadFile($src, $dst) } elseif ($src -ne '') { Copy-Item -LiteralPath $src -Destination $dst -Force }
if (Test-Path -LiteralPath $dst) {
  $f = [IO.File]::OpenRead($dst)
  $b = [Security.Cryptography.SHA256]::Create().ComputeHash($f)
  $f.Close()
  $h = -join ($b | % { $_.ToString('x2') })
}
[Console]::Out.WriteLine('WSUSSTAGE 1')
[Console]::Out.WriteLine('stage.path=' + $dst)
[Console]::Out.WriteLine('stage.sha256=' + $h)
foreach ($x in $e) { [Console]::Out.WriteLine('stage.error=' + ($x -replace '[^ -~]', '?')) }
[Console]::Out.WriteLine('END')
exit 0
