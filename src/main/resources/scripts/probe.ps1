# wsus-remediator probe v1
# Prints the key=value lines of docs/probe-protocol.md and always exits 0.
# PowerShell 1.0 compatible: trap instead of try/catch, no ConvertTo-Json, no -Context.
# Comment lines and indentation are stripped before encoding (ProbeScripts): comment freely.
# A failed statement is recorded by the trap and skipped; the values keep their defaults.
$e = @()
trap { $script:e += [string]$_; continue }
$ErrorActionPreference = 'Stop'
# Output stays ASCII (WinRM4J decodes with the platform charset): anything else becomes '?'.
function o($k, $v) { [Console]::Out.WriteLine($k + '=' + ("$v" -replace '[^ -~]', '?')) }

$os = Get-WmiObject Win32_OperatingSystem
# The machine's own identity (DNS aliases and NAT cannot fake it). The WinRM shell is a native process, so
# this is the 64-bit registry view, where MachineGuid lives (a 32-bit process would find no such value).
$mg = (Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Cryptography').MachineGuid
$a = $env:PROCESSOR_ARCHITEW6432
if (!$a) { $a = $env:PROCESSOR_ARCHITECTURE }
$ps = '1.0'
# PowerShell 1.0 has no $PSVersionTable; ToString(2) gives Major.Minor.
if ($PSVersionTable) { $ps = $PSVersionTable.PSVersion.ToString(2) }

$k = 'HKLM:\SOFTWARE\Microsoft\Update Services\Server\Setup'
$s = Test-Path $k
$t = "$env:ProgramFiles\Update Services\"
if ($s) {
  $r = Get-ItemProperty $k
  $t = [string]$r.TargetDir
  if (!$t.EndsWith('\')) { $t += '\' }
  $d = $t + 'WebServices\ClientWebService\bin\Microsoft.UpdateServices.WebServices.Client.Dll'
  $dv = 'missing'
  if (Test-Path -LiteralPath $d) {
    $f = [Diagnostics.FileVersionInfo]::GetVersionInfo($d)
    $dv = '{0}.{1}.{2}.{3}' -f $f.FileMajorPart, $f.FileMinorPart, $f.FileBuildPart, $f.FilePrivatePart
  }
}
$cv = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\'
$w2 = Test-Path ($cv + 'Uninstall\{A0D46DC6-8950-451A-8990-53C86E17666E}')
# Restart pending: the three flags servicing leaves (docs/probe-protocol.md). Printed True/False; a statement that
# fails leaves its variable unset, printed empty (unknown), and the trap records why. Server 2003 has no CBS key.
$rr = Test-Path ($cv + 'WindowsUpdate\Auto Update\RebootRequired')
$cb = Test-Path ($cv + 'Component Based Servicing\RebootPending')
# Present and not empty, as [bool] of the REG_MULTI_SZ's strings: a missing value reads as $null, so False.
$pf = [bool]((Get-ItemProperty 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager').PendingFileRenameOperations)

$l = 'none'
foreach ($p in 'LogFiles', 'Log Files') {
  $g = "$t$p\SoftwareDistribution.log"
  if ($l -eq 'none' -and (Test-Path -LiteralPath $g)) { $l = $g }
}
# Signature: an 'Item has already been added' line with 'GetSyncInfo' in one of the next 10 lines.
# $q holds the pending Item line numbers; streamed in batches, logs can be tens of MB.
$n = 0; $i = 0; $q = @(); $z = ''; $last = ''
if ($l -ne 'none') {
  Get-Content -LiteralPath $l -ReadCount 1000 | % { foreach ($x in $_) {
    $i++; $m = $i - 10
    if ($x -like '*GetSyncInfo*') {
      $c = @($q | ? { $_ -ge $m }).Count
      if ($c) { $n += $c; $last = $z }
      $q = @()
    }
    if ($x -like '*Item has already been added*') {
      $q = @($q | ? { $_ -ge $m }) + $i
      $z = $x.Substring(0, [Math]::Min(23, $x.Length))
    }
  } }
}

[Console]::Out.WriteLine('WSUSPROBE 1')
o os.caption ($os.Caption -replace '[\u00AE\u2122]', '')
o os.version $os.Version
o os.arch ("$a".ToLower() -replace 'amd64', 'x64')
o ps.version $ps
if ($s) {
  o wsus.setup present
  o wsus.versionString $r.VersionString
  o wsus.installType $r.InstallType
  o wsus.targetDir $t
} else { o wsus.setup absent }
if ($w2) { o wsus2.product present } else { o wsus2.product absent }
if ($s) { o dll.path $d; o dll.version $dv }
o log.path $l
o log.signatureCount $n
o log.signatureLast $last
o machine.name $env:COMPUTERNAME
o machine.guid $mg
o reboot.rebootRequired $rr
o reboot.cbsRebootPending $cb
o reboot.pendingFileRename $pf
# Get-WmiObject gives the CIM DATETIME text (yyyymmddHHMMSS.mmmmmmsUUU, locale-independent); Java turns it into UTC.
o boot.last $os.LastBootUpTime
foreach ($x in $e) { o probe.error $x }
[Console]::Out.WriteLine('END')
exit 0
